package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.memberhub.query.testing.FreshPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The database goes away under a running instance (a TCP relay between them is cut, which drops every connection and
 * refuses new ones) and comes back. Meanwhile the instance is alive but not ready, and requests that need the database
 * are answered {@code 503 SERVICE_UNAVAILABLE} Problem Details with {@code Retry-After}, not 500; a purchase refused
 * then changed nothing and is applied once when sent again after the database is back.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "memberhub.data-dir=target/it-data",
            "memberhub.security.dev-issuer.enabled=true",
            "spring.datasource.hikari.connection-timeout=2000"
        })
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = DatabaseOutageIT.ThroughRelay.class)
@Import(ApiClientConfig.class)
@DirtiesContext
class DatabaseOutageIT {

    private static TcpProxy relay;

    @Autowired
    Api api;

    @Test
    void whileTheDatabaseIsAwayTheInstanceIsNotReadyAndAnswers503() {
        String id = api.post("/api/v1/members", member("Outage", mobile(), null))
                .json()
                .get("id")
                .asText();
        String purchases = "/api/v1/members/" + id + "/purchases";
        String order = "{\"orderId\":\"outage-" + marker() + "\",\"amount\":25.00}";
        assertThat(api.anonymous().get("/health/readiness").status()).isEqualTo(200);

        relay.cut();
        try {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> api.anonymous().get("/health/readiness").status() == 503);
            assertThat(api.anonymous().get("/health/liveness").status())
                    .as("alive: restarting the instance would not bring the database back")
                    .isEqualTo(200);

            Response refused = api.post(purchases, order);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");

            Response list = api.get("/api/v1/members?q=Outage");
            assertThat(list.status()).as(list.toString()).isEqualTo(503);
            assertThat(list.json().get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        } finally {
            relay.restore();
        }

        await().atMost(Duration.ofMinutes(2))
                .until(() -> api.anonymous().get("/health/readiness").status() == 200);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            Response applied = api.post(purchases, order);
            assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
            assertThat(applied.json().get("duplicate").asBoolean())
                    .as("the refused purchase had changed nothing")
                    .isFalse();
        });
        // the projections resume on their own once their back-off after the errors has run out (up to a minute)
        await().atMost(Duration.ofMinutes(3))
                .until(() -> api.get("/api/v1/members/" + id).status() == 200);
    }

    @AfterAll
    static void closeRelay() throws IOException {
        if (relay != null) {
            relay.close();
        }
    }

    /** A fresh database, reached through a relay the test can cut. */
    static final class ThroughRelay implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            new FreshPostgresDatabase().initialize(context);
            String url = context.getEnvironment().getRequiredProperty("spring.datasource.url");
            URI database = URI.create(url.substring("jdbc:".length()));
            try {
                relay = new TcpProxy(database.getHost(), database.getPort() < 0 ? 5432 : database.getPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String relayed = "jdbc:postgresql://127.0.0.1:" + relay.port() + database.getRawPath()
                    + (database.getRawQuery() == null ? "" : "?" + database.getRawQuery());
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("relayedDatabase", Map.of("spring.datasource.url", relayed)));
        }
    }
}
