package org.memberhub.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Issue 16's failover drill without containers: three application instances on loopback ports against one fresh
 * PostgreSQL database, sharing the development issuer's key and the personal-data master key, behind Debian's nginx with
 * the compose file's configuration rendered for loopback ({@code docker/nginx/render-loopback}). Under a steady mixed
 * load through nginx (reads, registrations, purchases with their own order ids), the second instance is killed with
 * SIGKILL and later restarted on its port. It reports every request, which failed and why, and checks afterwards that
 * every acknowledged purchase is in the event store and the read models exactly once.
 *
 * <p>Everything waits for conditions (so many purchases acknowledged, an instance ready), never for a fixed time; every
 * wait has a bound, and the whole drill gives up at its deadline. Run by {@code docker/loopback/run-failover} and by
 * {@code FailoverIT} in {@code ./mvnw verify}.
 */
public final class FailoverDrill {

    /** Seeded members the purchases and reads go to. */
    private static final int MEMBERS = 12;

    /**
     * C1 only: a start costs about a third less CPU, which on a busy two-core machine is most of the drill's time; the
     * drill measures failover, not peak throughput.
     */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private static final int READERS = 2;
    private static final int BUYERS = 2;
    /** Purchases acknowledged before the kill, between the kill and the restart, and after the restart. */
    private static final int PURCHASES_PER_PHASE = 25;

    /**
     * @param jar the application's jar
     * @param renderScript {@code docker/nginx/render-loopback}
     * @param workDir where the instances' data and logs and nginx's files go (kept after the run, for reading)
     * @param server the PostgreSQL server on which a fresh database is created and dropped
     * @param databasePrefix the database's name starts with this
     * @param leftovers where to note processes and the database for a later cleanup should this JVM be killed
     * @param deadline the whole drill gives up after this long
     */
    public record Options(
            Path jar,
            Path renderScript,
            Path workDir,
            DatabaseServer server,
            String databasePrefix,
            Path leftovers,
            Duration deadline) {}

    /** One request as the client saw it. */
    record Sample(String id, String kind, long startNanos, long endNanos, int status, String error) {

        boolean ok() {
            return error == null && status >= 200 && status < 300;
        }

        boolean spans(long nanos) {
            return startNanos <= nanos && endNanos >= nanos;
        }
    }

    /** What the drill saw and found. */
    public record Figures(
            long requests,
            Map<String, Long> requestsByKind,
            long failures,
            long failuresInFlightOnKilled,
            long unexplainedFailures,
            List<String> failureDetails,
            long movedToAnotherInstance,
            long readsWhileDown,
            long readFailuresWhileDown,
            long purchasesAcknowledged,
            long purchasesRetried,
            long registrations,
            double killToLastFailureMillis,
            double longestSuccessfulRequestAcrossKillMillis,
            double restartToReadyMillis,
            double restartToFirstServedMillis,
            Map<String, Long> servedByInstance,
            long purchaseEventsMissingOrRepeated,
            long ledgerEntriesMissingOrRepeated,
            long membersWithWrongPoints,
            long registrationsMissing,
            int consistencyDrift,
            long auditLogEntries,
            long memberEvents,
            double totalSeconds) {

        /** The drill's verdict: no failure but those in flight on the killed instance, nothing lost or doubled. */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (unexplainedFailures > 0) {
                problems.add(unexplainedFailures + " request(s) failed that were not in flight on the killed instance: "
                        + failureDetails);
            }
            if (purchaseEventsMissingOrRepeated > 0) {
                problems.add(purchaseEventsMissingOrRepeated
                        + " acknowledged purchase(s) not in the event store exactly once");
            }
            if (ledgerEntriesMissingOrRepeated > 0) {
                problems.add(ledgerEntriesMissingOrRepeated
                        + " acknowledged purchase(s) not in the points ledger exactly once");
            }
            if (membersWithWrongPoints > 0) {
                problems.add(membersWithWrongPoints
                        + " member(s) whose earned points differ from the acknowledged purchases");
            }
            if (registrationsMissing > 0) {
                problems.add(registrationsMissing + " acknowledged registration(s) missing from the member list");
            }
            if (consistencyDrift != 0) {
                problems.add("the consistency check found " + consistencyDrift + " drifting figure(s)");
            }
            if (auditLogEntries != memberEvents) {
                problems.add("audit log has " + auditLogEntries + " entries for " + memberEvents + " member events");
            }
            if (readsWhileDown == 0) {
                problems.add("no read was served while the instance was down");
            }
            return problems;
        }

        public String render() {
            StringBuilder out = new StringBuilder();
            out.append("failover drill: three instances behind nginx, one killed (SIGKILL) and restarted\n");
            line(out, "requests", requests + " " + requestsByKind);
            line(
                    out,
                    "failed",
                    failures + " (in flight on the killed instance: " + failuresInFlightOnKilled + ", other: "
                            + unexplainedFailures + ")");
            if (!failureDetails.isEmpty()) {
                line(out, "failures", String.join("; ", failureDetails));
            }
            line(out, "moved to another instance by nginx", Long.toString(movedToAnotherInstance));
            line(out, "reads while the instance was down", readsWhileDown + " (failed: " + readFailuresWhileDown + ")");
            line(
                    out,
                    "purchases acknowledged",
                    purchasesAcknowledged + " (sent again after a failure: " + purchasesRetried + ")");
            line(out, "registrations acknowledged", Long.toString(registrations));
            line(out, "kill to last failed answer", ms(killToLastFailureMillis));
            line(out, "longest successful request across the kill", ms(longestSuccessfulRequestAcrossKillMillis));
            line(out, "restart to ready", ms(restartToReadyMillis));
            line(out, "restart to first request served by it", ms(restartToFirstServedMillis));
            line(out, "answers by instance", servedByInstance.toString());
            line(out, "purchases not in the event store exactly once", Long.toString(purchaseEventsMissingOrRepeated));
            line(out, "purchases not in the ledger exactly once", Long.toString(ledgerEntriesMissingOrRepeated));
            line(out, "members with wrong earned points", Long.toString(membersWithWrongPoints));
            line(out, "acknowledged registrations missing", Long.toString(registrationsMissing));
            line(out, "consistency check drift", Integer.toString(consistencyDrift));
            line(out, "audit log entries / member events", auditLogEntries + " / " + memberEvents);
            line(out, "drill time", String.format(Locale.ROOT, "%.1f s", totalSeconds));
            List<String> problems = problems();
            out.append(
                    problems.isEmpty()
                            ? "verdict: passed\n"
                            : "verdict: FAILED\n  " + String.join("\n  ", problems) + "\n");
            return out.toString();
        }

        private static void line(StringBuilder out, String name, String value) {
            out.append(String.format(Locale.ROOT, "  %-46s %s%n", name, value));
        }

        private static String ms(double millis) {
            return millis < 0 ? "-" : String.format(Locale.ROOT, "%.0f ms", millis);
        }
    }

    private final Options options;
    private final long started = System.nanoTime();
    private final long deadline;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final AtomicLong sequence = new AtomicLong();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Queue samples = new Queue();

    private FailoverDrill(Options options) {
        this.options = options;
        this.deadline = started + options.deadline().toNanos();
    }

    /** A thread-safe list of samples. */
    private static final class Queue extends ConcurrentLinkedQueue<Sample> {
        private static final long serialVersionUID = 1L;
    }

    public static Figures run(Options options) throws Exception {
        return new FailoverDrill(options).execute();
    }

    private Figures execute() throws Exception {
        Files.createDirectories(options.workDir());
        Closer closer = new Closer(options.leftovers());
        Thread hook = new Thread(closer::closeAll, "failover-drill-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return drill(closer);
        } finally {
            closer.closeAll();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    private Figures drill(Closer closer) throws Exception {
        String database = options.databasePrefix() + run;
        DatabaseServer server = options.server();
        server.create(database);
        closer.leftover("database", database);
        closer.register("drop database " + database, () -> server.dropIfExists(database));

        Path shared = options.workDir().resolve("shared");
        Files.createDirectories(shared);
        List<Integer> ports = List.of(AppInstance.freePort(), AppInstance.freePort(), AppInstance.freePort());
        AppInstance[] instances = new AppInstance[3];
        AppInstance.Config[] configs = new AppInstance.Config[3];
        for (int i = 0; i < 3; i++) {
            Path data = options.workDir().resolve("app" + (i + 1));
            configs[i] = new AppInstance.Config(
                    options.jar(),
                    "320m",
                    server.url(database),
                    server.user(),
                    server.password(),
                    data,
                    null,
                    List.of(
                            // one development issuer key and one master key for all: a token from any instance is
                            // accepted by every one, and each reads the personal data the others wrote
                            "--memberhub.security.dev-issuer.key-file=" + shared.resolve("dev-issuer-key.json"),
                            "--memberhub.privacy.master-key-file=" + shared.resolve("personal-data-master-key"),
                            // a killed instance's projection segments are taken over after this long without renewal
                            "--axon.eventhandling.tokenstore.claim-timeout=3s",
                            "--spring.datasource.hikari.maximum-pool-size=8"),
                    options.workDir().resolve("app" + (i + 1) + ".log"));
        }
        // the first creates the shared keys; the other two start once they exist (Flyway's lock orders the schema
        // migrations of instances starting together)
        instances[0] = start(configs[0], ports.get(0), closer);
        Poll.until(
                "the first instance to create the shared keys",
                remaining(Duration.ofSeconds(120)),
                Duration.ofMillis(200),
                () -> {
                    if (!instances[0].alive()) {
                        throw new IllegalStateException("the first instance exited; see " + configs[0].log());
                    }
                    return Files.exists(shared.resolve("dev-issuer-key.json"))
                            && Files.exists(shared.resolve("personal-data-master-key"));
                });
        instances[1] = start(configs[1], ports.get(1), closer);
        instances[2] = start(configs[2], ports.get(2), closer);
        for (AppInstance instance : instances) {
            instance.awaitReady(remaining(Duration.ofSeconds(150)));
        }

        Path nginxDir = options.workDir().resolve("nginx");
        closer.leftover("nginx", nginxDir.toAbsolutePath().toString());
        LoopbackNginx nginx = LoopbackNginx.start(options.renderScript(), nginxDir, AppInstance.freePort(), ports);
        closer.register("stop nginx", nginx::close);
        URI base = URI.create("http://127.0.0.1:" + nginx.port());

        // the development issuer answers loopback callers of an instance, never through nginx
        Api direct = new Api(instances[0].base(), Duration.ofSeconds(30));
        DevTokens tokens = new DevTokens(direct);
        String admin = tokens.of("admin");
        String orders = tokens.of("orders");

        List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            Sample created = send(base, "seed", "POST", "/api/v1/members", admin, registration());
            if (created.status() != 201) {
                throw new IllegalStateException("seeding a member through nginx answered " + created);
            }
            members.add(lastBody.get().get("id").asText());
        }
        // the reads go to the read model: the seeded members are there before the load starts
        Api viaNginx = new Api(base, Duration.ofSeconds(60));
        for (String member : members) {
            Poll.until(
                    "member " + member + " in the read model",
                    remaining(Duration.ofSeconds(60)),
                    Duration.ofMillis(200),
                    () -> viaNginx.get("/api/v1/members/" + member, admin).ok());
        }
        samples.clear();

        Load load = new Load(base, admin, orders, members);
        load.start();
        try {
            awaitPurchases(load, PURCHASES_PER_PHASE, "purchases before the kill");

            AppInstance victim = instances[1];
            String victimAddress = "127.0.0.1:" + ports.get(1);
            long killAt = System.nanoTime();
            victim.kill();
            long killedAt = System.nanoTime();
            awaitPurchases(load, PURCHASES_PER_PHASE, "purchases with an instance down");

            long restartAt = System.nanoTime();
            AppInstance.Config again = new AppInstance.Config(
                    configs[1].jar(),
                    configs[1].heap(),
                    configs[1].datasourceUrl(),
                    configs[1].user(),
                    configs[1].password(),
                    configs[1].dataDir(),
                    null,
                    configs[1].extraArguments(),
                    options.workDir().resolve("app2-restarted.log"));
            instances[1] = start(again, ports.get(1), closer);
            instances[1].awaitReady(remaining(Duration.ofSeconds(120)));
            long readyAt = System.nanoTime();
            Poll.until(
                    "nginx to send requests to the restarted instance",
                    remaining(Duration.ofSeconds(60)),
                    Duration.ofMillis(200),
                    () -> servedBy(nginx, victimAddress, load.idsSentAfter(readyAt)) >= 10);
            awaitPurchases(load, PURCHASES_PER_PHASE, "purchases after the restart");
            load.stop();

            return figures(
                    nginx,
                    server,
                    database,
                    load,
                    members,
                    victimAddress,
                    killAt,
                    killedAt,
                    restartAt,
                    readyAt,
                    admin,
                    base);
        } finally {
            load.stop();
        }
    }

    private AppInstance start(AppInstance.Config config, int port, Closer closer) throws IOException {
        AppInstance instance = AppInstance.start(config, port, JVM_OPTIONS);
        closer.leftover("pid", Long.toString(instance.pid()));
        closer.register("stop the instance on port " + port, instance::close);
        return instance;
    }

    private Duration remaining(Duration bound) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IllegalStateException(
                    "the drill ran past its deadline of " + Durations.format(options.deadline()));
        }
        return Duration.ofNanos(Math.min(left, bound.toNanos()));
    }

    private void awaitPurchases(Load load, int more, String what) throws InterruptedException {
        long target = load.acknowledged.size() + more;
        Poll.until(more + " " + what, remaining(Duration.ofSeconds(90)), Duration.ofMillis(100), () -> {
            if (load.failure.get() != null) {
                throw new IllegalStateException("the load stopped", load.failure.get());
            }
            return load.acknowledged.size() >= target;
        });
    }

    private static long servedBy(LoopbackNginx nginx, String address, Set<String> ids) throws IOException {
        return nginx.accessLog().stream()
                .filter(e -> ids.contains(e.requestId()) && e.lastUpstream().equals(address) && e.status() < 500)
                .count();
    }

    /** The mixed load: readers, one registrar, buyers; every purchase sent again with its order id until acknowledged. */
    private final class Load {

        private final URI base;
        private final String admin;
        private final String orders;
        private final List<String> members;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong retried = new AtomicLong();
        private final java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        private final List<Thread> threads = new ArrayList<>();
        /** order id → the points its acknowledged purchase earned, and the member it was for. */
        final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

        final Map<String, String> orderMember = new ConcurrentHashMap<>();
        final Set<String> registeredMobiles = ConcurrentHashMap.newKeySet();
        final Set<String> unknownRegistrations = ConcurrentHashMap.newKeySet();
        final Map<String, Long> sentAt = new ConcurrentHashMap<>();

        Load(URI base, String admin, String orders, List<String> members) {
            this.base = base;
            this.admin = admin;
            this.orders = orders;
            this.members = members;
        }

        void start() {
            for (int i = 0; i < READERS; i++) {
                threads.add(thread("reader-" + i, this::read));
            }
            threads.add(thread("registrar", this::register));
            for (int i = 0; i < BUYERS; i++) {
                threads.add(thread("buyer-" + i, this::buy));
            }
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(90).toMillis());
            }
        }

        Set<String> idsSentAfter(long nanos) {
            return sentAt.entrySet().stream()
                    .filter(e -> e.getValue() >= nanos)
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
        }

        private Thread thread(String name, Step step) {
            Thread thread = new Thread(
                    () -> {
                        try {
                            while (running.get()) {
                                step.run();
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    "failover-" + name);
            thread.setDaemon(true);
            return thread;
        }

        private void read() throws Exception {
            String member = members.get(ThreadLocalRandom.current().nextInt(members.size()));
            switch (ThreadLocalRandom.current().nextInt(3)) {
                case 0 -> send(base, "read", "GET", "/api/v1/members/" + member, admin, null, sentAt);
                case 1 -> send(base, "read", "GET", "/api/v1/members/" + member + "/points", admin, null, sentAt);
                default -> send(base, "read", "GET", "/api/v1/members?size=5", admin, null, sentAt);
            }
            Thread.sleep(5);
        }

        private void register() throws Exception {
            String body = registration();
            String mobile = Json.read(body).get("mobile").asText();
            Sample sample = send(base, "register", "POST", "/api/v1/members", admin, body, sentAt);
            if (sample.status() == 201) {
                registeredMobiles.add(mobile);
            } else {
                unknownRegistrations.add(mobile);
            }
            Thread.sleep(30);
        }

        private void buy() throws Exception {
            String member = members.get(ThreadLocalRandom.current().nextInt(members.size()));
            String order = "fo-" + run + "-" + sequence.incrementAndGet();
            orderMember.put(order, member);
            String body = "{\"orderId\":\"" + order + "\",\"amount\":"
                    + (10 + ThreadLocalRandom.current().nextInt(190)) + ".00}";
            // sent until acknowledged: the order id makes a second delivery of an applied purchase a duplicate
            for (int attempt = 0; ; attempt++) {
                if (attempt > 0) {
                    retried.incrementAndGet();
                }
                Sample sample = send(
                        base,
                        attempt == 0 ? "purchase" : "purchase-again",
                        "POST",
                        "/api/v1/members/" + member + "/purchases",
                        orders,
                        body,
                        sentAt);
                if (sample.status() == 200) {
                    acknowledged.put(
                            order,
                            lastBody.get().path("decision").path("pointsEarned").asLong());
                    break;
                }
                if (attempt > 50) {
                    throw new IllegalStateException("purchase " + order + " refused 50 times, last: " + sample);
                }
                Thread.sleep(100);
            }
            Thread.sleep(5);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private final ThreadLocal<JsonNode> lastBody = new ThreadLocal<>();

    private Sample send(URI base, String kind, String method, String path, String token, String body)
            throws InterruptedException {
        return send(base, kind, method, path, token, body, null);
    }

    private Sample send(
            URI base, String kind, String method, String path, String token, String body, Map<String, Long> sentAt)
            throws InterruptedException {
        String id = "fo-" + run + "-r" + sequence.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(90))
                .header("Accept", "application/json")
                .header("X-Request-Id", id)
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        long start = System.nanoTime();
        if (sentAt != null) {
            sentAt.put(id, start);
        }
        Sample sample;
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long end = System.nanoTime();
            sample = new Sample(id, kind, start, end, response.statusCode(), null);
            try {
                lastBody.set(response.body().isEmpty() ? null : Json.read(response.body()));
            } catch (RuntimeException notJson) {
                lastBody.set(null);
            }
            if (!sample.ok()) {
                sample = new Sample(
                        id,
                        kind,
                        start,
                        end,
                        response.statusCode(),
                        "HTTP " + response.statusCode() + " " + abbreviate(response.body()));
            }
        } catch (IOException e) {
            sample = new Sample(id, kind, start, System.nanoTime(), -1, e.toString());
        }
        samples.add(sample);
        return sample;
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    /** Mobile numbers distinct within the run: a random start, then one after the other. */
    private final AtomicLong mobiles =
            new AtomicLong(ThreadLocalRandom.current().nextLong(90_000_000L));

    private String registration() {
        long n = mobiles.incrementAndGet();
        String mobile = "137" + String.format(Locale.ROOT, "%08d", n);
        return "{\"name\":\"Failover " + n + "\",\"mobile\":\"" + mobile + "\"}";
    }

    private Figures figures(
            LoopbackNginx nginx,
            DatabaseServer server,
            String database,
            Load load,
            List<String> members,
            String victim,
            long killAt,
            long killedAt,
            long restartAt,
            long readyAt,
            String admin,
            URI base)
            throws Exception {
        List<Sample> all = new ArrayList<>(samples);
        // nginx writes its log line when the answer is complete; the last answers are there once the load stopped
        Map<String, LoopbackNginx.Entry> log = new HashMap<>();
        Poll.until(
                "nginx's access log to have every request",
                remaining(Duration.ofSeconds(30)),
                Duration.ofMillis(200),
                () -> {
                    log.clear();
                    nginx.accessLog().forEach(e -> log.put(e.requestId(), e));
                    return all.stream()
                            .filter(s -> s.error() == null || s.status() > 0)
                            .allMatch(s -> log.containsKey(s.id()));
                });

        List<Sample> failed = all.stream().filter(s -> !s.ok()).toList();
        List<String> details = new ArrayList<>();
        long inFlight = 0;
        for (Sample sample : failed) {
            LoopbackNginx.Entry entry = log.get(sample.id());
            boolean onVictim = entry != null && entry.upstreams().contains(victim);
            // in flight on the victim when it died: sent before it was gone, answered after the kill began
            if (onVictim && sample.startNanos() <= killedAt && sample.endNanos() >= killAt) {
                inFlight++;
            } else if (details.size() < 10) {
                details.add(sample.kind() + " " + sample.error()
                        + (entry == null ? "" : " via " + entry.upstreamAddr() + " [" + entry.upstreamStatus() + "]"));
            }
        }
        long moved = log.values().stream()
                .filter(e -> e.upstreams().size() > 1 && e.upstreams().contains(victim))
                .count();
        List<Sample> readsDown = all.stream()
                .filter(s -> s.kind().equals("read") && s.startNanos() >= killAt && s.endNanos() <= readyAt)
                .toList();
        double lastFailure = failed.stream().mapToLong(Sample::endNanos).filter(end -> end >= killAt).max().stream()
                .mapToDouble(end -> (end - killAt) / 1e6)
                .findFirst()
                .orElse(-1);
        double longestAcross = all.stream()
                .filter(s -> s.ok() && s.spans(killAt))
                .mapToDouble(s -> (s.endNanos() - s.startNanos()) / 1e6)
                .max()
                .orElse(-1);
        double firstServed = all.stream()
                .filter(s -> s.ok() && s.startNanos() >= restartAt)
                .filter(s -> log.containsKey(s.id())
                        && log.get(s.id()).lastUpstream().equals(victim))
                .mapToDouble(s -> (s.endNanos() - restartAt) / 1e6)
                .min()
                .orElse(-1);
        Set<String> ids = all.stream().map(Sample::id).collect(Collectors.toSet());
        Map<String, Long> byInstance = new java.util.TreeMap<>(log.values().stream()
                .filter(e -> ids.contains(e.requestId()))
                .collect(Collectors.groupingBy(LoopbackNginx.Entry::lastUpstream, Collectors.counting())));
        Map<String, Long> byKind = new LinkedHashMap<>(all.stream()
                .collect(Collectors.groupingBy(Sample::kind, java.util.TreeMap::new, Collectors.counting())));

        // the read models catch up with the event store (projections of the killed instance's segments move over)
        Api api = new Api(base, Duration.ofSeconds(60));
        String[] last = {""};
        try {
            Poll.until(
                    "every projection to apply every event",
                    remaining(Duration.ofSeconds(120)),
                    Duration.ofSeconds(1),
                    () -> {
                        Api.Response statuses = api.get("/api/v1/admin/projections", admin);
                        last[0] = statuses.body();
                        if (!statuses.ok()) {
                            return false;
                        }
                        for (JsonNode group : statuses.json()) {
                            if (group.path("lagEvents").asLong() != 0
                                    || group.path("parkedEvents").asLong() != 0) {
                                return false;
                            }
                        }
                        return true;
                    });
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; last status: " + last[0], e);
        }
        int[] drift = {-1};
        Poll.until("a clean consistency check", remaining(Duration.ofSeconds(60)), Duration.ofSeconds(1), () -> {
            Api.Response report = api.get("/api/v1/admin/consistency", admin);
            if (!report.ok()) {
                return false;
            }
            JsonNode json = report.json();
            drift[0] = json.path("driftCount").asInt();
            return json.path("membersBehind").asInt() == 0
                    && json.path("membersChecked").asInt() > 0;
        });

        long purchaseProblems = 0;
        long ledgerProblems = 0;
        long pointsProblems = 0;
        long registrationsMissing = 0;
        long auditLog;
        long memberEvents;
        try (Connection connection = server.connect(database)) {
            Map<String, Integer> purchaseEvents = counts(
                    connection,
                    "SELECT convert_from(payload, 'UTF8')::json ->> 'orderId', count(*) FROM domain_event_entry"
                            + " WHERE payload_type LIKE '%.PurchaseRecordedEvent' GROUP BY 1");
            Map<String, Integer> ledger = counts(
                    connection, "SELECT reference, count(*) FROM points_ledger WHERE entry_type = 'EARNED' GROUP BY 1");
            for (String order : load.acknowledged.keySet()) {
                if (purchaseEvents.getOrDefault(order, 0) != 1) {
                    purchaseProblems++;
                }
                if (ledger.getOrDefault(order, 0) != 1) {
                    ledgerProblems++;
                }
            }
            // a purchase of the drill in the store that was never acknowledged would be one applied behind our back
            purchaseProblems += purchaseEvents.keySet().stream()
                    .filter(o -> o != null && o.startsWith("fo-" + run + "-") && !load.acknowledged.containsKey(o))
                    .count();
            Map<String, Long> expected = new HashMap<>();
            load.acknowledged.forEach(
                    (order, points) -> expected.merge(load.orderMember.get(order), points, Long::sum));
            for (String member : members) {
                long earned = 0;
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT coalesce(sum(available_change + pending_change), 0) FROM points_ledger WHERE entry_type = 'EARNED'"
                                + " AND reference LIKE ? AND member_id = ?::uuid")) {
                    query.setString(1, "fo-" + run + "-%");
                    query.setString(2, member);
                    try (ResultSet result = query.executeQuery()) {
                        result.next();
                        earned = result.getLong(1);
                    }
                }
                if (earned != expected.getOrDefault(member, 0L)) {
                    pointsProblems++;
                }
            }
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT count(*) FROM domain_event_entry"
                            + " WHERE payload_type LIKE '%.MemberRegisteredEvent'")) {
                result.next();
                long registeredEvents = result.getLong(1);
                // every acknowledged registration has its event; at most the unknown ones more
                long acknowledged = load.registeredMobiles.size() + MEMBERS;
                if (registeredEvents < acknowledged) {
                    registrationsMissing = acknowledged - registeredEvents;
                }
                if (registeredEvents > acknowledged + load.unknownRegistrations.size()) {
                    details.add((registeredEvents - acknowledged) + " registrations more than sent");
                }
            }
            auditLog = single(connection, "SELECT count(*) FROM audit_log");
            memberEvents = single(connection, "SELECT count(*) FROM domain_event_entry WHERE type = 'Member'");
        }

        return new Figures(
                all.size(),
                byKind,
                failed.size(),
                inFlight,
                failed.size() - inFlight,
                details,
                moved,
                readsDown.stream().filter(Sample::ok).count(),
                readsDown.stream().filter(s -> !s.ok()).count(),
                load.acknowledged.size(),
                load.retried.get(),
                load.registeredMobiles.size(),
                lastFailure,
                longestAcross,
                (readyAt - restartAt) / 1e6,
                firstServed,
                byInstance,
                purchaseProblems,
                ledgerProblems,
                pointsProblems,
                registrationsMissing,
                drift[0],
                auditLog,
                memberEvents,
                (System.nanoTime() - started) / 1e9);
    }

    private static Map<String, Integer> counts(Connection connection, String sql) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                counts.put(result.getString(1), result.getInt(2));
            }
        }
        return Collections.unmodifiableMap(counts);
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * {@code docker/loopback/run-failover}: runs the drill once and prints its figures; exits 1 when it found a problem.
     * Arguments: {@code --jar PATH --render PATH --work DIR [--leftovers FILE]}; the database server from
     * {@code PERF_DB_URL}, {@code PERF_DB_USER}, {@code PERF_DB_PASSWORD} (default 127.0.0.1:5432, postgres).
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> named = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            named.put(args[i], args[i + 1]);
        }
        Path work = Path.of(named.getOrDefault("--work", "target/failover")).toAbsolutePath();
        Options options = new Options(
                Path.of(named.getOrDefault("--jar", "member-api/target/member-api.jar"))
                        .toAbsolutePath(),
                Path.of(named.getOrDefault("--render", "docker/nginx/render-loopback"))
                        .toAbsolutePath(),
                work,
                DatabaseServer.fromEnvironment("PERF_DB_URL", "PERF_DB_USER", "PERF_DB_PASSWORD"),
                "memberhub_failover_",
                Path.of(named.getOrDefault(
                        "--leftovers", work.resolve(".leftovers").toString())),
                Duration.ofMinutes(3));
        try {
            Figures figures = run(options);
            System.out.print(figures.render());
            System.out.println("logs: " + work);
            System.exit(figures.problems().isEmpty() ? 0 : 1);
        } catch (Exception e) {
            System.err.println("failover drill failed: " + e.getMessage() + " (logs: " + work + ")");
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }
}
