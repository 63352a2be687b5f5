package org.memberhub.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the suite: a fresh database and (when a scenario needs them) a Kafka broker and the application, the
 * data set seeded through the API, the scenarios one after the other, and {@code summary.md}/{@code summary.json}
 * written after each of them. Everything started is stopped and the database dropped at the end, on failure and on
 * interruption.
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

    private Summary execute(String name, Path runDir, Closer closer) throws Exception {
        Instant started = Instant.now();
        String loadAverage = Machine.loadAverage();
        List<Scenario> scenarios = Scenarios.create(options, databasePrefix + runName(name));
        JMeter jmeter = JMeter.locate(options.perfHome());
        Machine machine = Machine.describe(options, options.database().version(), jmeter.version());
        log.info("run {}: {} on {} cores; results in {}", name, options.scenarios(), machine.cores(), runDir);

        AtomicReference<Api> api = new AtomicReference<>();
        AtomicReference<Api> metrics = new AtomicReference<>();
        AtomicReference<String> adminToken = new AtomicReference<>();
        ResourceSampler sampler = new ResourceSampler(() -> scrape(metrics.get(), adminToken.get()));
        closer.register("stop sampling", sampler::close);
        sampler.start();

        boolean needsApp = scenarios.stream().anyMatch(Scenario::needsApplication);
        boolean needsKafka =
                scenarios.stream().anyMatch(Scenario::needsKafka) || options.seedVia() == SuiteOptions.SeedVia.KAFKA;
        KafkaBroker kafka = null;
        AppInstance app = null;
        Projections projections = null;
        String analystToken = null;
        DataSet data = null;
        Seeder.Result seed = null;
        Summary.DataSetFigures dataSet = null;
        Path dataDir = runDir.resolve("data");
        Path tokensFile = dataDir.resolve("tokens.properties");
        if (needsApp) {
            if (needsKafka) {
                log.info("starting an in-process Kafka broker");
                kafka = KafkaBroker.start();
                closer.register("stop the Kafka broker", kafka::close);
            }
            String database = databasePrefix + runName(name);
            options.database().create(database);
            closer.leftover("database", database);
            if (!options.keepDatabase()) {
                closer.register("drop the database " + database, () -> options.database()
                        .dropIfExists(database));
            }
            log.info("starting the application on database {}", database);
            app = AppInstance.start(new AppInstance.Config(
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
            api.set(new Api(app.base(), Duration.ofSeconds(120)));
            metrics.set(new Api(app.base(), Duration.ofSeconds(5)));
            DevTokens tokens = new DevTokens(api.get());
            adminToken.set(tokens.of("admin"));
            analystToken = tokens.of("analyst");
            projections = new Projections(api.get(), adminToken.get());
            log.info("application up at {} (pid {}); seeding {} members", app.base(), app.pid(), options.members());

            Seeder.Outcome outcome = new Seeder(
                            api.get(),
                            adminToken.get(),
                            new Population(1),
                            options.seedClients(),
                            options.seedVia(),
                            kafka,
                            projections)
                    .seed(options.members());
            seed = outcome.result();
            data = outcome.data();
            log.info(
                    "seeded {} members in {} s: {} members/s, {} commands/s; read models caught up {} s later",
                    seed.registered(),
                    Math.round(seed.seconds()),
                    Math.round(seed.membersPerSecond()),
                    Math.round(seed.commandsPerSecond()),
                    Math.round(seed.catchUpSeconds()));
            List<String[]> memberTokens = new ArrayList<>();
            for (String id : data.active()
                    .subList(0, Math.min(MEMBER_TOKENS, data.active().size()))) {
                memberTokens.add(new String[] {id, tokens.ofMember(id)});
            }
            Map<String, String> staffTokens = new LinkedHashMap<>();
            staffTokens.put("adminToken", adminToken.get());
            staffTokens.put("analystToken", analystToken);
            DataFiles.write(dataDir, data, memberTokens, staffTokens);
            long events = projections.groups().stream()
                    .mapToLong(Projections.Group::head)
                    .max()
                    .orElse(0);
            dataSet = new Summary.DataSetFigures(
                    seed.registered(),
                    data.readable().size(),
                    data.active().size() + data.freezePool().size(),
                    data.frozen(),
                    data.deleted(),
                    data.tagged(),
                    data.levels(),
                    events);
        }
        RunContext context = new RunContext(
                options,
                runDir,
                dataDir,
                tokensFile,
                app,
                api.get(),
                adminToken.get(),
                analystToken,
                data,
                projections,
                sampler,
                jmeter,
                kafka,
                name.replace("-", ""));

        Summary previous = Trend.previous(options.resultsRoot(), name, options.scenarios());
        List<ScenarioResult> results = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            log.info("scenario {}", scenario.name());
            try {
                results.add(scenario.run(context));
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
            }
            write(
                    runDir,
                    summary(loadAverage, name, started, false, machine, dataSet, seed, results, failures),
                    previous);
        }
        Summary summary = summary(loadAverage, name, started, true, machine, dataSet, seed, results, failures);
        write(runDir, summary, previous);
        log.info("summary: {}", runDir.resolve("summary.md"));
        return summary;
    }

    private Summary summary(
            String loadAverage,
            String name,
            Instant started,
            boolean complete,
            Machine machine,
            Summary.DataSetFigures dataSet,
            Seeder.Result seed,
            List<ScenarioResult> results,
            Map<String, String> failures) {
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
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures)));
    }

    private static void write(Path runDir, Summary summary, Summary previous) throws IOException {
        summary.write(runDir.resolve("summary.json"));
        Files.writeString(runDir.resolve("summary.md"), SummaryMarkdown.render(summary, previous));
    }

    private static String scrape(Api api, String token) {
        if (api == null || token == null) {
            return null;
        }
        try {
            Api.Response response = api.getText("/prometheus", token);
            return response.status() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String runName(String name) {
        return name.replace('-', '_');
    }
}
