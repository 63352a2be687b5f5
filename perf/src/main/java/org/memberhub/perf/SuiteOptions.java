package org.memberhub.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one run of the suite is told, from the command line ({@link #parse}) or by a test.
 *
 * @param smoke short scenarios, few users and a small data set, to check that everything works
 * @param scenarios the scenarios to run, in the suite's order
 * @param duration length of each HTTP scenario and of each command-throughput step
 * @param soakDuration length of the soak scenario
 * @param members members to seed
 * @param jar the application's jar
 * @param keepDatabase leave the run's database behind for inspection
 * @param perfHome the {@code perf/} directory (plans, wrk scripts, results)
 * @param resultsRoot where the run's directory is created
 * @param database the PostgreSQL server the application and pgbench use
 * @param seedClients concurrent HTTP clients of the seeding
 * @param seedVia how seeded purchases reach the application
 * @param generator the load generator of the closed-loop read scenarios
 * @param threads users (or closed-loop threads) per scenario, overriding the defaults
 * @param thinkMin shortest think time of the user scenarios, in ms
 * @param thinkMax longest think time of the user scenarios, in ms
 * @param ingestEvents purchase events the ingest benchmark publishes
 * @param appHeap the application's heap (-Xms and -Xmx)
 * @param appArguments extra Spring Boot arguments of the application ({@code --key=value})
 * @param note a remark copied into the summary
 * @param profile attach async-profiler to the application during the seeding and each scenario
 * @param leftovers where to note processes and databases for {@code perf/run} to remove should this JVM be killed;
 *     null for the run's directory
 */
record SuiteOptions(
        boolean smoke,
        List<String> scenarios,
        Duration duration,
        Duration soakDuration,
        int members,
        Path jar,
        boolean keepDatabase,
        Path perfHome,
        Path resultsRoot,
        DatabaseServer database,
        int seedClients,
        SeedVia seedVia,
        Generator generator,
        Map<String, Integer> threads,
        int thinkMin,
        int thinkMax,
        int ingestEvents,
        String appHeap,
        List<String> appArguments,
        String note,
        boolean profile,
        Path leftovers) {

    /** The scenarios in the order a full run takes them (pgbench first, before the application starts). */
    static final List<String> ALL_SCENARIOS = List.of(
            "baseline",
            "detail",
            "list",
            "member-list",
            "member-create",
            "mixed",
            "spike",
            "command-throughput",
            "ingest",
            "reports",
            "replay",
            "soak");

    /** Scenarios that exist but are run only when asked for. */
    static final List<String> ON_DEMAND_SCENARIOS = List.of("generator-cost");

    enum SeedVia {
        API,
        KAFKA
    }

    enum Generator {
        AUTO,
        JMETER,
        WRK
    }

    SuiteOptions {
        scenarios = List.copyOf(scenarios);
        threads = Map.copyOf(threads);
        appArguments = List.copyOf(appArguments);
    }

    static final String USAGE =
            """
            perf/run [--smoke] [--scenario NAME[,NAME...]] [--duration 60s] [--members N] [--jar PATH] [--keep-db]
                     [--soak-duration 1h] [--threads NAME=N[,NAME=N...]] [--think 500-1500] [--generator auto|jmeter|wrk]
                     [--seed-via api|kafka] [--seed-clients 32] [--ingest-events N] [--app-heap 2g]
                     [--app-arg --key=value]... [--results DIR] [--note TEXT] [--profile] [--build]
            perf/run --render RUN_DIR   writes RUN_DIR/summary.md again from its summary.json

            scenarios: %s (and on demand: %s)
            database:  PERF_DB_URL (default jdbc:postgresql://127.0.0.1:5432/), PERF_DB_USER, PERF_DB_PASSWORD
                       (default postgres/postgres)
            """
                    .formatted(String.join(", ", ALL_SCENARIOS), String.join(", ", ON_DEMAND_SCENARIOS));

    static SuiteOptions parse(String[] args, Path perfHome) {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        List<String> scenarios = ALL_SCENARIOS;
        Duration duration = smoke ? Duration.ofSeconds(10) : Duration.ofSeconds(60);
        Duration soak = smoke ? Duration.ofSeconds(30) : Duration.ofHours(1);
        int members = smoke ? 300 : 100_000;
        Path jar = perfHome.resolve("../member-api/target/member-api.jar").normalize();
        boolean keepDatabase = false;
        Path results = perfHome.resolve("results");
        int seedClients = 32;
        SeedVia seedVia = SeedVia.API;
        Generator generator = Generator.AUTO;
        Map<String, Integer> threads = new LinkedHashMap<>();
        int thinkMin = 500;
        int thinkMax = 1500;
        Integer ingestEvents = null;
        String heap = "2g";
        List<String> appArguments = new ArrayList<>();
        String note = null;
        boolean profile = false;
        Path leftovers = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--smoke" -> {}
                case "--scenario", "--scenarios" -> scenarios = scenarios(value(args, ++i, arg));
                case "--duration" -> duration = Durations.parse(value(args, ++i, arg));
                case "--soak-duration" -> soak = Durations.parse(value(args, ++i, arg));
                case "--members" -> members = positive(value(args, ++i, arg), arg);
                case "--jar" -> jar = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--keep-db" -> keepDatabase = true;
                case "--results" -> results = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--seed-clients" -> seedClients = positive(value(args, ++i, arg), arg);
                case "--seed-via" -> seedVia = SeedVia.valueOf(upper(value(args, ++i, arg)));
                case "--generator" -> generator = Generator.valueOf(upper(value(args, ++i, arg)));
                case "--threads" -> threads.putAll(threads(value(args, ++i, arg)));
                case "--think" -> {
                    String[] range = value(args, ++i, arg).split("-", 2);
                    thinkMin = Integer.parseInt(range[0].trim());
                    thinkMax = range.length > 1 ? Integer.parseInt(range[1].trim()) : thinkMin;
                    if (thinkMin < 0 || thinkMax < thinkMin) {
                        throw new IllegalArgumentException("--think wants MIN-MAX in ms, MIN <= MAX");
                    }
                }
                case "--ingest-events" -> ingestEvents = positive(value(args, ++i, arg), arg);
                case "--app-heap" -> heap = value(args, ++i, arg);
                case "--app-arg" -> appArguments.add(value(args, ++i, arg));
                case "--note" -> note = value(args, ++i, arg);
                case "--profile" -> profile = true;
                case "--leftovers" -> leftovers = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        // half an event per member: 50 000 for the full data set
        int events = ingestEvents != null ? ingestEvents : Math.max(1_000, Math.min(50_000, members / 2));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no application jar at " + jar);
        }
        return new SuiteOptions(
                smoke,
                scenarios,
                duration,
                soak,
                members,
                jar,
                keepDatabase,
                perfHome,
                results,
                DatabaseServer.fromEnvironment("PERF_DB_URL", "PERF_DB_USER", "PERF_DB_PASSWORD"),
                seedClients,
                seedVia,
                generator,
                threads,
                thinkMin,
                thinkMax,
                events,
                heap,
                appArguments,
                note,
                profile,
                leftovers);
    }

    /** The same options against another PostgreSQL server. */
    SuiteOptions withDatabase(DatabaseServer server) {
        return new SuiteOptions(
                smoke,
                scenarios,
                duration,
                soakDuration,
                members,
                jar,
                keepDatabase,
                perfHome,
                resultsRoot,
                server,
                seedClients,
                seedVia,
                generator,
                threads,
                thinkMin,
                thinkMax,
                ingestEvents,
                appHeap,
                appArguments,
                note,
                profile,
                leftovers);
    }

    /** Users or threads of a scenario: what {@code --threads} says, else the default of a full or smoke run. */
    int threadsOf(String scenario, int full, int smokeDefault) {
        return threads.getOrDefault(scenario, smoke ? smokeDefault : full);
    }

    private static List<String> scenarios(String list) {
        List<String> wanted = Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
        for (String name : wanted) {
            if (!ALL_SCENARIOS.contains(name) && !ON_DEMAND_SCENARIOS.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown scenario " + name + "; known: " + ALL_SCENARIOS + " and " + ON_DEMAND_SCENARIOS);
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String name : ON_DEMAND_SCENARIOS) {
            if (wanted.contains(name)) {
                ordered.add(name);
            }
        }
        for (String name : ALL_SCENARIOS) {
            if (wanted.contains(name)) {
                ordered.add(name);
            }
        }
        return ordered;
    }

    private static Map<String, Integer> threads(String list) {
        Map<String, Integer> threads = new LinkedHashMap<>();
        for (String pair : list.split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("--threads wants NAME=N[,NAME=N...]");
            }
            threads.put(parts[0].trim(), positive(parts[1], "--threads"));
        }
        return threads;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String value, String option) {
        int number = Integer.parseInt(value.trim().replace("_", ""));
        if (number <= 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return number;
    }

    private static String upper(String value) {
        return value.trim().toUpperCase(Locale.ROOT);
    }
}
