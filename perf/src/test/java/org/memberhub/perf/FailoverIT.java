package org.memberhub.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's no-container failover test: {@link FailoverDrill} (what {@code docker/loopback/run-failover} runs) with
 * three application jars behind Debian's nginx, one killed with SIGKILL under load and restarted. Passes when no
 * request failed but those in flight on the killed instance, every acknowledged purchase is in the event store, the
 * ledger and the member's earned points exactly once, reads were served while the instance was down, and everything
 * it started (processes, nginx, the database) is gone. No timing is asserted; the figures are printed.
 */
class FailoverIT {

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/memberhub_test";

    @Test
    void oneInstanceKilledUnderLoadLosesOnlyItsInFlightRequestsAndNoEvent() throws Exception {
        assertThat(java.util.stream.Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(dir -> java.nio.file.Files.isExecutable(Path.of(dir, "nginx"))))
                .as("Debian's nginx on the PATH (apt-get install nginx; docker/check installs it)")
                .isTrue();
        Path perfHome = Path.of(System.getProperty("memberhub.perf.home", "")).toAbsolutePath();
        String url = env("TEST_DB_URL", DEFAULT_URL);
        DatabaseServer server =
                DatabaseServer.of(url, env("TEST_DB_USER", "postgres"), env("TEST_DB_PASSWORD", "postgres"));
        String prefix =
                url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "").toLowerCase(Locale.ROOT) + "_failover_";
        Path work = perfHome.resolve("target/failover-it");

        FailoverDrill.Figures figures = FailoverDrill.run(new FailoverDrill.Options(
                Path.of(System.getProperty("memberhub.jar")),
                perfHome.resolve("../docker/nginx/render-loopback").normalize(),
                work,
                server,
                prefix,
                work.resolve(".leftovers"),
                // about two minutes on a quiet machine; the bound only keeps a stuck drill from hanging the build,
                // and a loaded CI machine (several JVMs starting on two shared cores) may need three times that
                Duration.ofMinutes(8)));
        System.out.print(figures.render());

        assertThat(figures.problems()).as(figures.render()).isEmpty();
        assertThat(figures.purchasesAcknowledged()).isGreaterThanOrEqualTo(75);
        assertThat(figures.readsWhileDown()).isPositive();
        assertThat(figures.servedByInstance()).hasSize(3);
        assertThat(databasesStartingWith(server, prefix)).isZero();
        assertThat(work.resolve("nginx/nginx.pid")).doesNotExist();
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
