package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memberhub.command.member.DueTransitionSweeper;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Birthday points come by themselves: the sweep grants them at the start of the birthday in the member's own time
 * zone, once a year, with the scheduler as their source; a birthday missed while frozen is caught up within its
 * month, and none is granted after it. The sweep is driven by hand and time by a test clock.
 */
@PostgresIT
@Import(ControlledTime.class)
@TestPropertySource(properties = "memberhub.command.sweep-enabled=false")
@DirtiesContext
class BirthdayPointsIT {

    static final Instant START = ControlledTime.START;

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Autowired
    DueTransitionSweeper sweeper;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void birthdayPointsAreGrantedOnTheBirthdayOnceAYearInTheMembersOwnZone() {
        clock.set(START);
        String shanghai = register("Born 5 March", "1990-03-05", null);
        String losAngeles = register("Born 5 March in LA", "1990-03-05", "America/Los_Angeles");
        String missed = register("Born 1 March", "1992-03-01", null);
        String frozen = register("Born 4 March, frozen", "1991-03-04", null);
        String none = register("No birthday", null, null);
        assertThat(api.post("/api/v1/members/" + frozen + "/freeze", "{\"reason\":\"fraud check\"}")
                        .status())
                .isEqualTo(200);

        // registration schedules the birthday: the start of the day where the member lives
        assertThat(dueAt(shanghai)).isEqualTo(Instant.parse("2026-03-04T16:00:00Z"));
        assertThat(dueAt(losAngeles)).isEqualTo(Instant.parse("2026-03-05T08:00:00Z"));
        assertThat(dueAt(frozen)).as("a frozen member has no birthday due").isNull();
        assertThat(dueAt(none)).isNull();

        // a birthday earlier this month is caught up by the first sweep
        sweeper.sweep();
        awaitAvailable(missed, 100);
        assertThat(available(shanghai)).isZero();

        clock.set(Instant.parse("2026-03-04T16:00:00Z"));
        sweeper.sweep();
        awaitAvailable(shanghai, 100);
        assertThat(available(losAngeles)).as("still the 4th in Los Angeles").isZero();

        clock.set(Instant.parse("2026-03-05T08:00:00Z"));
        sweeper.sweep();
        awaitAvailable(losAngeles, 100);
        JsonNode entry =
                api.get("/api/v1/members/" + shanghai + "/points/ledger").json().at("/items/0");
        assertThat(List.of(
                        entry.get("type").asText(),
                        entry.get("source").asText(),
                        entry.get("reference").asText(),
                        entry.get("channel").asText()))
                .containsExactly("EARNED", "BIRTHDAY", "2026", "scheduler");

        // once a year: sweeping again or asking by hand grants nothing more
        sweeper.sweep();
        Response byHand = api.post("/api/v1/members/" + shanghai + "/points/earn", "{\"type\":\"BIRTHDAY\"}");
        assertThat(byHand.status()).as(byHand.toString()).isEqualTo(200);
        assertThat(byHand.json().get("duplicate").asBoolean()).isTrue();
        assertThat(dueAt(shanghai)).isEqualTo(Instant.parse("2027-03-04T16:00:00Z"));

        // unfrozen within the birthday month: the missed birthday is caught up
        clock.set(Instant.parse("2026-03-20T02:00:00Z"));
        assertThat(api.post("/api/v1/members/" + frozen + "/unfreeze", "{\"reason\":\"cleared\"}")
                        .status())
                .isEqualTo(200);
        sweeper.sweep();
        awaitAvailable(frozen, 100);

        // a month later nothing is due until next year's birthdays
        clock.set(Instant.parse("2026-04-01T02:00:00Z"));
        sweeper.sweep();
        for (String member : List.of(shanghai, losAngeles, missed, frozen)) {
            assertThat(available(member)).isEqualTo(100);
        }
        assertThat(available(none)).isZero();
    }

    @Test
    void membersRegisteredBeforeBirthdaysWereScheduledAreWokenOnceByTheUpgrade() throws Exception {
        // the migration wakes members at the database's time: the application's clock is the real one here
        clock.set(Instant.now());
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.now(shanghai);
        LocalDate birthday = LocalDate.of(today.getYear(), 8, 20);
        Instant nextBirthday = (birthday.isAfter(today) ? birthday : birthday.plusYears(1))
                .atStartOfDay(shanghai)
                .toInstant();
        String member = register("Registered by an older version", "1985-08-20", null);
        String deleted = register("Deleted by then", "1985-08-21", null);
        assertThat(api.delete("/api/v1/members/" + deleted).status()).isEqualTo(204);
        // as an older version left them: no schedule rows
        jdbc.update("DELETE FROM member_schedule WHERE member_id IN (?::uuid, ?::uuid)", member, deleted);

        String migration = new String(
                new ClassPathResource("db/migration/upgrade/V2026_12_05_0100__wake_members_for_birthdays.sql")
                        .getInputStream()
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        jdbc.execute(migration);
        assertThat(dueAt(member)).isNotNull().isBefore(nextBirthday);

        clock.set(Instant.now().plusSeconds(1));
        sweeper.sweep();
        await().atMost(Duration.ofSeconds(30)).until(() -> nextBirthday.equals(dueAt(member)));
        await().atMost(Duration.ofSeconds(30)).until(() -> dueAt(deleted) == null);
    }

    private String register(String name, String birthday, String timeZone) {
        StringBuilder json = new StringBuilder("{\"name\":\"" + name + "\",\"mobile\":\"" + mobile() + "\"");
        if (birthday != null) {
            json.append(",\"birthday\":\"").append(birthday).append('"');
        }
        if (timeZone != null) {
            json.append(",\"timeZone\":\"").append(timeZone).append('"');
        }
        Response created = api.post("/api/v1/members", json.append('}').toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Instant dueAt(String member) {
        List<OffsetDateTime> due = jdbc.queryForList(
                "SELECT due_at FROM member_schedule WHERE member_id = ?::uuid", OffsetDateTime.class, member);
        return due.isEmpty() ? null : due.get(0).toInstant();
    }

    /** The member's available points, once the read model knows the member. */
    private long available(String member) {
        String points = "/api/v1/members/" + member + "/points";
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(points).status() == 200);
        return api.get(points).json().get("available").asLong();
    }

    private void awaitAvailable(String member, long points) {
        await().atMost(Duration.ofSeconds(30)).until(() -> available(member) == points);
    }
}
