package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.memberhub.command.member.DueTransitionSweeper;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A member's loyalty journey through HTTP on PostgreSQL, with the SPEC's default rules and a clock the test moves:
 * buy 600, refund 200 inside the return window, see the rest released, check in twice on one day, spend, and let a
 * lot expire. Every figure is what the rules give.
 */
@PostgresIT
@Import(ControlledTime.class)
@TestPropertySource(properties = "memberhub.command.sweep-enabled=false")
@DirtiesContext
class LoyaltyJourneyIT {

    static final Instant START = ControlledTime.START;

    private static final String TOKEN = "X-Consistency-Token";

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Autowired
    DueTransitionSweeper sweeper;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void buyRefundReleaseCheckInSpendAndExpire() {
        String id = api.post("/api/v1/members", member("Journey", mobile(), null))
                .json()
                .get("id")
                .asText();
        String member = "/api/v1/members/" + id;

        // buy 600: 600 points pending for the 7-day return window, and Bronze (500) is reached
        Response bought = ok(api.post(member + "/purchases", "{\"orderId\":\"o-600\",\"amount\":600.00}"));
        assertThat(bought.json().at("/decision/pointsEarned").asLong()).isEqualTo(600);
        assertThat(bought.json().at("/decision/pending").asBoolean()).isTrue();
        assertThat(bought.json().at("/decision/releaseAt").asText()).isEqualTo("2026-03-09T02:00:00Z");
        assertThat(bought.json().at("/points/pending").asLong()).isEqualTo(600);
        assertThat(bought.json().at("/level/level").asInt()).isEqualTo(2);
        assertThat(bought.json().at("/level/name").asText()).isEqualTo("Bronze");

        // the same order again (a retry): nothing changes, the same decision comes back
        Response again = ok(api.post(member + "/purchases", "{\"orderId\":\"o-600\",\"amount\":600.00}"));
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("decision")).isEqualTo(bought.json().get("decision"));
        assertThat(again.json().get("version").asLong())
                .isEqualTo(bought.json().get("version").asLong());

        // refund 200 inside the window: a third of the points is cancelled, net spend 400 is below Bronze
        clock.advance(Duration.ofDays(2));
        Response refunded =
                ok(api.post(member + "/refunds", "{\"refundId\":\"r-200\",\"orderId\":\"o-600\",\"amount\":200}"));
        assertThat(refunded.json().at("/decision/pointsReversed").asLong()).isEqualTo(200);
        assertThat(refunded.json().at("/decision/debtIncurred").asLong()).isZero();
        assertThat(refunded.json().at("/points/pending").asLong()).isEqualTo(400);
        assertThat(refunded.json().at("/level/level").asInt()).isEqualTo(1);
        assertThat(refunded.json().at("/level/netSpend").decimalValue()).isEqualByComparingTo("400.00");
        assertThat(refunded.json().at("/level/spendToNextLevel").decimalValue()).isEqualByComparingTo("100.00");

        // the window passes and the sweep releases the 400 remaining points
        clock.set(Instant.parse("2026-03-09T02:01:00Z"));
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(sweeper.sweep()).isZero();

        // check in twice on 9 March (Shanghai): 5 points, once
        Response checkedIn = ok(api.post(member + "/points/earn", "{\"type\":\"CHECK_IN\"}"));
        assertThat(checkedIn.json().at("/decision/points").asLong()).isEqualTo(5);
        assertThat(checkedIn.json().at("/decision/reference").asText()).isEqualTo("2026-03-09");
        assertThat(checkedIn.json().at("/points/available").asLong()).isEqualTo(405);
        Response checkedInAgain = ok(api.post(member + "/points/earn", "{\"type\":\"CHECK_IN\"}"));
        assertThat(checkedInAgain.json().get("duplicate").asBoolean()).isTrue();
        assertThat(checkedInAgain.json().at("/points/available").asLong()).isEqualTo(405);

        // spend 100 on an order of 50 yuan: 1 yuan off, from the purchase lot, which expires first
        Response spent = ok(
                api.post(member + "/points/spend", "{\"orderId\":\"o-spend\",\"orderAmount\":50.00,\"points\":100}"));
        assertThat(spent.json().at("/decision/value").decimalValue()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(spent.json().at("/decision/consumed/0/lotNo").asInt()).isEqualTo(1);
        assertThat(spent.json().at("/points/available").asLong()).isEqualTo(305);

        // spending more than is available is refused and changes nothing
        Response tooMuch =
                api.post(member + "/points/spend", "{\"orderId\":\"o-big\",\"orderAmount\":5000.00,\"points\":306}");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.json().get("code").asText()).isEqualTo("INSUFFICIENT_POINTS");

        // two years after the purchase its lot expires with the 300 points left; the check-in lot lives on
        clock.set(Instant.parse("2028-03-02T02:00:01Z"));
        assertThat(sweeper.sweep()).isEqualTo(1);

        String token = tokenAfterSweep(id);
        Response points = api.get(member + "/points", TOKEN, token);
        assertThat(points.json().get("available").asLong()).isEqualTo(5);
        assertThat(points.json().get("pending").asLong()).isZero();
        assertThat(points.json().get("debt").asLong()).isZero();
        assertThat(points.json().get("lifetimeEarned").asLong()).isEqualTo(605);
        assertThat(points.json().get("lifetimeSpent").asLong()).isEqualTo(100);
        assertThat(points.json().get("lifetimeExpired").asLong()).isEqualTo(300);
        assertThat(points.json().get("lifetimeReversed").asLong()).isEqualTo(200);

        JsonNode ledger = api.get(member + "/points/ledger", TOKEN, token).json();
        assertThat(ledger.get("total").asLong()).isEqualTo(6);
        assertThat(entries(ledger))
                .containsExactly(
                        tuple("EXPIRED", "PURCHASE", "o-600", -300L, 0L, "scheduler"),
                        tuple("SPENT", "ORDER_DEDUCTION", "o-spend", -100L, 0L, "api"),
                        tuple("EARNED", "CHECK_IN", "2026-03-09", 5L, 0L, "api"),
                        tuple("RELEASED", "PURCHASE", "o-600", 400L, -400L, "scheduler"),
                        tuple("REVERSED", "REFUND", "r-200", 0L, -200L, "api"),
                        tuple("EARNED", "PURCHASE", "o-600", 0L, 600L, "api"));

        JsonNode lots = api.get(member + "/points/lots", TOKEN, token).json();
        assertThat(lots.get("items")).hasSize(1);
        assertThat(lots.at("/items/0/lotNo").asInt()).isEqualTo(2);
        assertThat(lots.at("/items/0/remaining").asLong()).isEqualTo(5);
        assertThat(lots.at("/items/0/expiresAt").asText()).isEqualTo("2028-03-09T02:01:00Z");

        JsonNode level = api.get(member + "/level", TOKEN, token).json();
        assertThat(level.at("/level/level").asInt()).isEqualTo(1);
        assertThat(level.at("/level/netSpend").decimalValue()).isEqualByComparingTo("400.00");
        assertThat(level.at("/level/nextLevel").asInt()).isEqualTo(2);
        JsonNode history = api.get(member + "/level/history", TOKEN, token).json();
        assertThat(history.get("items").findValuesAsText("kind")).containsExactly("DOWNGRADED", "UPGRADED");

        // the member is now due when the check-in lot expires
        OffsetDateTime due = jdbc.queryForObject(
                "SELECT due_at FROM member_schedule WHERE member_id = ?::uuid", OffsetDateTime.class, id);
        assertThat(due.toInstant()).isEqualTo(Instant.parse("2028-03-09T02:01:00Z"));
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header(TOKEN)).isNotBlank();
        return response;
    }

    /** The consistency token of the member's last event, whichever command (or sweep) appended it. */
    private String tokenAfterSweep(String id) {
        Long last = jdbc.queryForObject(
                "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, id);
        return id + "." + last;
    }

    private static List<Tuple> entries(JsonNode ledger) {
        List<Tuple> entries = new ArrayList<>();
        for (JsonNode entry : ledger.get("items")) {
            entries.add(tuple(
                    entry.get("type").asText(),
                    entry.get("source").asText(),
                    entry.get("reference").asText(),
                    entry.get("availableChange").asLong(),
                    entry.get("pendingChange").asLong(),
                    entry.get("channel").asText()));
        }
        return entries;
    }
}
