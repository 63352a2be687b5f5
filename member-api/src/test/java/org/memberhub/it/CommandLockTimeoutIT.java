package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A stalled writer (another instance that began appending to a member and then hung) holds the member's next event
 * slot. Commands for that member give up after the command lock timeout with 503 and Retry-After, change nothing, and
 * succeed once the writer is gone; the session-wide limits stay as they are.
 */
@PostgresIT
class CommandLockTimeoutIT {

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aCommandWaitingForAStalledWriterAnswers503AndChangesNothing() throws Exception {
        String id = api.post("/api/v1/members", member("Stalled", mobile(), null))
                .json()
                .get("id")
                .asText();
        String purchases = "/api/v1/members/" + id + "/purchases";
        assertThat(api.post(purchases, "{\"orderId\":\"before\",\"amount\":10.00}")
                        .status())
                .isEqualTo(200);
        try (StalledWriter stalled = StalledWriter.holdingTheNextEventOf(dataSource, id)) {
            Instant sent = Instant.now();
            Response refused = api.post(purchases, "{\"orderId\":\"while-stalled\",\"amount\":20.00}");

            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.json().get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(Duration.between(sent, Instant.now()))
                    .as("gave up after the command lock timeout, not the session's")
                    .isLessThan(Duration.ofSeconds(9));
        }

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                                + " AND convert_from(payload, 'UTF8') LIKE '%while-stalled%'",
                        Long.class, id))
                .as("nothing of the refused command was stored")
                .isZero();
        Response retried = api.post(purchases, "{\"orderId\":\"while-stalled\",\"amount\":20.00}");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("duplicate").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject("SHOW lock_timeout", String.class))
                .as("outside commands the session keeps its own limit")
                .isEqualTo("10s");
    }
}
