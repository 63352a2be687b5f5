package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.memberhub.query.testing.TestDatabase;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application as a separate JVM on PostgreSQL, killed with SIGKILL (kill -9) several times in the middle of a
 * stream of commands and restarted. Every command it accepted has its events in the read models exactly once, every
 * command whose answer was lost has them at most once, and the consistency check is clean.
 */
class KillAndRestartIT {

    private static final int MEMBERS = 8;
    private static final int KILLS = 3;
    private static final int WRITERS = 4;

    private static TestDatabase database;
    private static JdbcTemplate jdbc;
    private static Path data;
    private static Process application;
    private static int port;

    /** Commands the application answered with success, and commands whose answer never came. */
    private final Set<String> acceptedPurchases = ConcurrentHashMap.newKeySet();

    private final Set<String> unknownPurchases = ConcurrentHashMap.newKeySet();
    private final Set<String> acceptedAdjustments = ConcurrentHashMap.newKeySet();
    private final Set<String> unknownAdjustments = ConcurrentHashMap.newKeySet();
    private final Map<String, String> purchaseMember = new ConcurrentHashMap<>();

    @BeforeAll
    static void database() throws IOException {
        database = TestDatabase.create();
        PGSimpleDataSource dataSource = (PGSimpleDataSource) database.dataSource();
        jdbc = new JdbcTemplate(dataSource);
        data = Files.createTempDirectory("memberhub-kill-");
        port = freePort();
    }

    @AfterAll
    static void cleanUp() throws InterruptedException {
        if (application != null) {
            application.destroyForcibly().waitFor();
        }
        database.close();
    }

    @Test
    void acceptedCommandsSurviveKillsExactlyOnce() throws Exception {
        start();
        Api admin = admin();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            Response created =
                    admin.post("/api/v1/members", TestMembers.member("Killed " + i, TestMembers.mobile(), null));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            members.add(created.json().get("id").asText());
        }

        AtomicInteger sequence = new AtomicInteger();
        for (int kill = 0; kill < KILLS; kill++) {
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> writers = startWriters(admin(), members, sequence, running);
            // killed after a random amount of accepted work, however fast or slow the machine is
            awaitAccepted(ThreadLocalRandom.current().nextInt(10, 40));
            application.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, transactions cut off
            running.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
            start();
        }
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = startWriters(admin(), members, sequence, running);
        awaitAccepted(20);
        running.set(false);
        for (Thread writer : writers) {
            writer.join();
        }

        assertThat(acceptedPurchases).hasSizeGreaterThan(20);
        JsonNode report = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> admin().get("/api/v1/admin/consistency").json(),
                        r -> r.get("membersBehind").asInt() == 0);
        assertThat(report.get("driftCount").asInt()).as(report.toString()).isZero();
        assertThat(report.get("membersChecked").asInt()).isEqualTo(MEMBERS);

        for (String order : acceptedPurchases) {
            assertThat(events("PurchaseRecordedEvent", "orderId", order))
                    .as("purchase " + order)
                    .isEqualTo(1);
            assertThat(ledger("EARNED", order))
                    .as("points of purchase " + order)
                    .isEqualTo(1);
        }
        for (String order : unknownPurchases) {
            assertThat(events("PurchaseRecordedEvent", "orderId", order)).isLessThanOrEqualTo(1);
            assertThat(ledger("EARNED", order)).isEqualTo(events("PurchaseRecordedEvent", "orderId", order));
        }
        for (String key : acceptedAdjustments) {
            assertThat(events("PointsAdjustedEvent", "adjustmentId", key))
                    .as("adjustment " + key)
                    .isEqualTo(1);
            assertThat(ledger("ADJUSTED", key)).isEqualTo(1);
        }
        for (String key : unknownAdjustments) {
            assertThat(ledger("ADJUSTED", key)).isEqualTo(events("PointsAdjustedEvent", "adjustmentId", key));
            assertThat(events("PointsAdjustedEvent", "adjustmentId", key)).isLessThanOrEqualTo(1);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class))
                .as("every member event in the audit log once")
                .isEqualTo(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE type = 'Member'", Long.class));
        assertThat(purchaseMember).isNotEmpty();
    }

    /** Waits until the writers have had this many more commands accepted. */
    private void awaitAccepted(int more) {
        int before = acceptedPurchases.size() + acceptedAdjustments.size();
        await().atMost(Duration.ofMinutes(2))
                .until(() -> acceptedPurchases.size() + acceptedAdjustments.size() >= before + more);
    }

    private List<Thread> startWriters(Api api, List<String> members, AtomicInteger sequence, AtomicBoolean running) {
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Thread writer = new Thread(() -> {
                while (running.get()) {
                    String member = members.get(ThreadLocalRandom.current().nextInt(members.size()));
                    int n = sequence.incrementAndGet();
                    if (n % 3 == 0) {
                        String key = "adj-" + n;
                        record(
                                () -> api.post(
                                        "/api/v1/members/" + member + "/points/adjust",
                                        "{\"points\":3,\"reason\":\"kill test\"}",
                                        "Idempotency-Key",
                                        key),
                                key,
                                acceptedAdjustments,
                                unknownAdjustments);
                    } else {
                        String order = "kill-" + n;
                        purchaseMember.put(order, member);
                        record(
                                () -> api.post(
                                        "/api/v1/members/" + member + "/purchases",
                                        "{\"orderId\":\"" + order + "\",\"amount\":12.00}"),
                                order,
                                acceptedPurchases,
                                unknownPurchases);
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        return writers;
    }

    private static void record(
            java.util.function.Supplier<Response> command, String id, Set<String> accepted, Set<String> unknown) {
        try {
            Response response = command.get();
            if (response.status() == 200) {
                accepted.add(id);
            } else {
                unknown.add(id);
            }
        } catch (RuntimeException connectionLost) {
            unknown.add(id);
        }
    }

    private int events(String type, String field, String value) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ?"
                        + " AND convert_from(payload, 'UTF8')::json ->> ? = ?",
                Integer.class,
                "%." + type,
                field,
                value);
    }

    private int ledger(String type, String reference) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM points_ledger WHERE entry_type = ? AND reference = ?",
                Integer.class,
                type,
                reference);
    }

    private static Api admin() {
        Api anonymous = new Api(port, null);
        Response token = anonymous.post(
                "/dev/token",
                "grant_type=password&username=admin&password=admin",
                "Content-Type",
                "application/x-www-form-urlencoded");
        return anonymous.withToken(token.json().get("access_token").asText());
    }

    private static void start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Path.of("target", "kill-and-restart.log");
        application = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-jar",
                        System.getProperty("memberhub.jar", "target/member-api.jar"),
                        "--spring.profiles.active=postgres",
                        "--spring.datasource.url=" + database.url(),
                        "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password(),
                        "--server.port=" + port,
                        "--memberhub.data-dir=" + data,
                        "--memberhub.security.dev-issuer.enabled=true",
                        "--axon.eventhandling.tokenstore.claim-timeout=3s",
                        "--memberhub.query.consistency-check-interval=0s")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Api anonymous = new Api(port, null);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> application.isAlive() && anonymous.get("/health").status() == 200);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
