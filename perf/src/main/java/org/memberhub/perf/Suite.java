package org.memberhub.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the suite. Scenarios that need no application (pgbench's baseline) run first, on an idle server; then,
 * when a scenario needs them, a Kafka broker, a fresh database and the application, the data set seeded through the
 * API, and the other scenarios one after the other. {@code summary.md}/{@code summary.json} are written after each
 * scenario. Everything started is stopped and the database dropped at the end, on failure and on interruption.
 */
final class Suite {

    private static final Logger log = LoggerFactory.getLogger(Suite.class);
    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final int MEMBER_TOKENS = 1000;

    private final SuiteOptions options;
    private final String databasePrefix;

    /** @param databasePrefix the run's database is this plus the run's name */
    Suite(SuiteOptions options, String databasePrefix) {
        this.options = options;
        this.databasePrefix = databasePrefix;
    }

    /** Runs everything; answers the run's directory. Fails when a scenario failed, after writing the summary. */
    Path run() throws Exception {
        String name = LocalDateTime.now().format(RUN_NAME);
        Path runDir = options.resultsRoot().resolve(name);
        Files.createDirectories(runDir);
        Closer closer = new Closer(options.leftovers() != null ? options.leftovers() : runDir.resolve(".leftovers"));
        // registered first, so done last: a load generator interrupted mid-run must not go on hitting a closed port
        closer.register(
                "stop child processes",
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy));
        Thread hook = new Thread(closer::closeAll, "perf-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Summary summary = execute(name, runDir, closer);
            if (!summary.failures().isEmpty()) {
                throw new IllegalStateException(
                        "scenarios failed: " + summary.failures().keySet() + "; see " + runDir.resolve("summary.md"));
            }
            return runDir;
        } finally {
            closer.closeAll();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    /** The application as the scenarios work with it, after seeding. */
    private record Session(
            AppInstance app,
            Api api,
            String adminToken,
            String analystToken,
            Projections projections,
            KafkaBroker kafka,
            Seeder.Result seed,
            DataSet data,
            Summary.DataSetFigures dataSet) {}

    private Summary execute(String name, Path runDir, Closer closer) throws Exception {
        String database = databasePrefix + name.replace('-', '_');
        List<Scenario> scenarios = Scenarios.create(options, database);
        JMeter jmeter = JMeter.locate(options.perfHome());
        Machine machine = Machine.describe(
                options,
                options.database().version()
                        + (options.database().autovacuum()
                                ? ""
                                : ", autovacuum off (the suite analyzes its database after the seeding and after"
                                        + " every scenario)"),
                jmeter.version());
        log.info("run {}: {} on {} cores; results in {}", name, options.scenarios(), machine.cores(), runDir);

        AtomicReference<Api> metrics = new AtomicReference<>();
        AtomicReference<String> metricsToken = new AtomicReference<>();
        ResourceSampler sampler = new ResourceSampler(() -> scrape(metrics.get(), metricsToken.get()));
        closer.register("stop sampling", sampler::close);
        sampler.start();
        CpuProfiler.Profiles profiles =
                new CpuProfiler.Profiles(options.profile() ? CpuProfiler.unpack(runDir.resolve("profiler")) : null);
        Report report = new Report(name, runDir, machine, profiles, database);

        Path dataDir = runDir.resolve("data");
        String runId = name.replace("-", "");
        RunContext standalone = new RunContext(
                options, runDir, dataDir, null, null, null, null, null, null, null, sampler, jmeter, null, runId);
        for (Scenario scenario : scenarios) {
            if (!scenario.needsApplication()) {
                report.run(scenario, standalone, null);
            }
        }
        if (scenarios.stream().anyMatch(Scenario::needsApplication)) {
            boolean kafka = scenarios.stream().anyMatch(Scenario::needsKafka)
                    || options.seedVia() == SuiteOptions.SeedVia.KAFKA;
            Session session = start(database, runDir, dataDir, kafka, sampler, profiles, closer);
            metrics.set(new Api(session.app().base(), Duration.ofSeconds(5)));
            metricsToken.set(session.adminToken());
            report.seeded(session.seed(), session.dataSet());
            RunContext context = new RunContext(
                    options,
                    runDir,
                    dataDir,
                    dataDir.resolve("tokens.properties"),
                    session.app(),
                    session.api(),
                    session.adminToken(),
                    session.analystToken(),
                    session.data(),
                    session.projections(),
                    sampler,
                    jmeter,
                    session.kafka(),
                    runId);
            for (Scenario scenario : scenarios) {
                if (scenario.needsApplication()) {
                    report.run(scenario, context, session.projections());
                }
            }
        }
        return report.finish();
    }

    /** Broker, database, application; then the seeding and the files the plans read. */
    private Session start(
            String database,
            Path runDir,
            Path dataDir,
            boolean withKafka,
            ResourceSampler sampler,
            CpuProfiler.Profiles profiles,
            Closer closer)
            throws Exception {
        KafkaBroker kafka = null;
        if (withKafka) {
            log.info("starting an in-process Kafka broker");
            kafka = KafkaBroker.start();
            closer.register("stop the Kafka broker", kafka::close);
        }
        options.database().create(database);
        closer.leftover("database", database);
        if (!options.keepDatabase()) {
            closer.register(
                    "drop the database " + database, () -> options.database().dropIfExists(database));
        }
        log.info("starting the application on database {}", database);
        AppInstance app = AppInstance.start(new AppInstance.Config(
                options.jar(),
                options.appHeap(),
                options.database().url(database),
                options.database().user(),
                options.database().password(),
                runDir.resolve("app-data"),
                kafka == null ? null : kafka.bootstrapServers(),
                options.appArguments(),
                runDir.resolve("app.log")));
        closer.leftover("pid", Long.toString(app.pid()));
        closer.register("stop the application", app::close);
        app.awaitReady(Duration.ofMinutes(5));
        sampler.watch(ResourceSampler.APP, app.pid());
        Api api = new Api(app.base(), Duration.ofSeconds(120));
        DevTokens tokens = new DevTokens(api);
        String adminToken = tokens.of("admin");
        String analystToken = tokens.of("analyst");
        Projections projections = new Projections(api, adminToken);
        log.info("application up at {} (pid {}); seeding {} members", app.base(), app.pid(), options.members());

        Seeder seeder = new Seeder(
                api, adminToken, new Population(1), options.seedClients(), options.seedVia(), kafka, projections);
        Seeder.Outcome outcome =
                profiles.around("seeding", app.pid(), runDir.resolve("seeding"), () -> seeder.seed(options.members()));
        Seeder.Result seed = outcome.result();
        long maintenance = System.nanoTime();
        options.database().maintain(database, true);
        log.info(
                "vacuumed and analyzed the seeded database in {} s",
                Math.round((System.nanoTime() - maintenance) / 1e9));
        DataSet data = outcome.data();
        log.info(
                "seeded {} members in {} s: {} members/s, {} commands/s; read models caught up {} s later",
                seed.registered(),
                Math.round(seed.seconds()),
                Math.round(seed.membersPerSecond()),
                Math.round(seed.commandsPerSecond()),
                Math.round(seed.catchUpSeconds()));
        List<String[]> memberTokens = new ArrayList<>();
        for (String id :
                data.active().subList(0, Math.min(MEMBER_TOKENS, data.active().size()))) {
            memberTokens.add(new String[] {id, tokens.ofMember(id)});
        }
        Map<String, String> staffTokens = new LinkedHashMap<>();
        staffTokens.put("adminToken", adminToken);
        staffTokens.put("analystToken", analystToken);
        DataFiles.write(dataDir, data, memberTokens, staffTokens);
        long events = projections.groups().stream()
                .mapToLong(Projections.Group::head)
                .max()
                .orElse(0);
        Summary.DataSetFigures dataSet = new Summary.DataSetFigures(
                seed.registered(),
                data.readable().size(),
                data.active().size() + data.freezePool().size(),
                data.frozen(),
                data.deleted(),
                data.tagged(),
                data.levels(),
                events);
        return new Session(app, api, adminToken, analystToken, projections, kafka, seed, data, dataSet);
    }

    /** The results so far, written out after every scenario. */
    private final class Report {

        private final String name;
        private final Path runDir;
        private final Machine machine;
        private final CpuProfiler.Profiles profiles;
        private final String database;
        private final Instant started = Instant.now();
        private final String loadAverage = Machine.loadAverage();
        private final Summary previous;
        private final List<ScenarioResult> results = new ArrayList<>();
        private final Map<String, String> failures = new LinkedHashMap<>();
        private Seeder.Result seed;
        private Summary.DataSetFigures dataSet;

        Report(String name, Path runDir, Machine machine, CpuProfiler.Profiles profiles, String database) {
            this.name = name;
            this.database = database;
            this.runDir = runDir;
            this.machine = machine;
            this.profiles = profiles;
            this.previous = Trend.previous(options.resultsRoot(), name, options.scenarios());
        }

        void seeded(Seeder.Result seed, Summary.DataSetFigures dataSet) throws IOException {
            this.seed = seed;
            this.dataSet = dataSet;
            write(summary(false));
        }

        /** Runs a scenario; a failure is recorded and the run goes on. Then waits for the read models. */
        void run(Scenario scenario, RunContext context, Projections projections) throws Exception {
            log.info("scenario {}", scenario.name());
            try {
                results.add(
                        context.app() == null
                                ? scenario.run(context)
                                : profiles.around(
                                        scenario.name(),
                                        context.app().pid(),
                                        context.scenarioDir(scenario.name()),
                                        () -> scenario.run(context)));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                log.error("scenario {} failed", scenario.name(), e);
                failures.put(
                        scenario.name(),
                        String.valueOf(e.getMessage()).lines().findFirst().orElse("?"));
            }
            if (projections != null) {
                try {
                    projections.awaitCaughtUp(Duration.ofMinutes(30));
                } catch (IllegalStateException e) {
                    log.warn("read models did not catch up after {}: {}", scenario.name(), e.getMessage());
                }
                // what the scenario wrote reaches the planner's statistics before the next one
                options.database().maintain(database, false);
            }
            write(summary(false));
        }

        Summary finish() throws IOException {
            Summary summary = summary(true);
            write(summary);
            log.info("summary: {}", runDir.resolve("summary.md"));
            return summary;
        }

        private Summary summary(boolean complete) {
            ScenarioResult baseline = results.stream()
                    .filter(r -> r.name().equals(BaselineScenario.NAME))
                    .findFirst()
                    .orElse(null);
            List<Goals.Check> goals = Goals.evaluate(
                    results,
                    machine.cores(),
                    baseline == null ? null : baseline.figure(BaselineScenario.SELECT_ONLY),
                    baseline == null ? null : baseline.figure(BaselineScenario.INSERTS));
            return new Summary(
                    Summary.FORMAT,
                    name,
                    started,
                    Instant.now(),
                    complete,
                    options.smoke(),
                    options.note(),
                    loadAverage + " → " + Machine.loadAverage(),
                    machine,
                    dataSet,
                    seed,
                    List.copyOf(results),
                    goals,
                    Collections.unmodifiableMap(new LinkedHashMap<>(failures)),
                    profiles.digests());
        }

        private void write(Summary summary) throws IOException {
            summary.write(runDir.resolve("summary.json"));
            Files.writeString(runDir.resolve("summary.md"), SummaryMarkdown.render(summary, previous));
        }
    }

    private static String scrape(Api api, String token) {
        if (api == null || token == null) {
            return null;
        }
        try {
            Api.Response response =
                    api.getText("/prometheus?includedNames=" + String.join(",", ResourceSampler.METERS), token);
            return response.status() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
