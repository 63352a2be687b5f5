package org.memberhub.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The suite end to end on a small scale, as {@code perf/run} drives it: the application jar started against a fresh
 * database, a few dozen members seeded through the API, the mixed plan run by JMeter for a few seconds, the summary and
 * the dashboard written, everything stopped and the database dropped. No timing is asserted.
 */
class PerfSuiteIT {

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/memberhub_test";

    @Test
    void runsTheMixedScenarioAgainstTheApplicationAndReportsIt() throws Exception {
        Path perfHome = Path.of(System.getProperty("memberhub.perf.home", "")).toAbsolutePath();
        String url = env("TEST_DB_URL", DEFAULT_URL);
        DatabaseServer server =
                DatabaseServer.of(url, env("TEST_DB_USER", "postgres"), env("TEST_DB_PASSWORD", "postgres"));
        String prefix =
                url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "").toLowerCase(Locale.ROOT) + "_perf_"
                        + UUID.randomUUID().toString().substring(0, 8) + "_";
        SuiteOptions options = SuiteOptions.parse(
                        new String[] {
                            "--scenario", "mixed",
                            "--duration", "6s",
                            "--members", "40",
                            "--threads", "mixed=4",
                            "--think", "50-150",
                            "--seed-clients", "8",
                            "--generator", "jmeter",
                            "--app-heap", "512m",
                            "--jar", System.getProperty("memberhub.jar"),
                            "--results", perfHome.resolve("target/perf-it").toString()
                        },
                        perfHome)
                .withDatabase(server);

        Path run = new Suite(options, prefix).run();

        ScenarioResult mixed =
                Summary.read(run.resolve("summary.json")).scenario("mixed").orElseThrow();
        assertThat(mixed.http().samples()).isPositive();
        assertThat(mixed.http().errors())
                .as("errors: %s", mixed.http().errorCodes())
                .isZero();
        assertThat(mixed.labels()).containsKeys("detail", "me");
        assertThat(run.resolve("summary.md")).content().contains("| mixed |");
        assertThat(run.resolve("mixed/dashboard/index.html")).isRegularFile();
        assertThat(databasesStartingWith(server, prefix)).isZero();
    }

    private static int databasesStartingWith(DatabaseServer server, String prefix) throws Exception {
        try (Connection connection = server.connect("postgres");
                PreparedStatement query =
                        connection.prepareStatement("SELECT count(*) FROM pg_database WHERE datname LIKE ?")) {
            query.setString(1, prefix + "%");
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
