package org.memberhub.perf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The suite's scenarios with their default loads, full or smoke, as the options ask for them. */
final class Scenarios {

    private static final int CLOSED_LOOP_THREADS = 32;

    private Scenarios() {}

    static List<Scenario> create(SuiteOptions options, String databaseName) {
        List<Scenario> scenarios = new ArrayList<>();
        Duration duration = options.duration();
        boolean wrk = options.generator() == SuiteOptions.Generator.WRK
                || options.generator() == SuiteOptions.Generator.AUTO && Wrk.available();
        if (options.generator() == SuiteOptions.Generator.WRK && !Wrk.available()) {
            throw new IllegalArgumentException("--generator wrk, but wrk is not on the PATH");
        }
        for (String name : options.scenarios()) {
            scenarios.add(
                    switch (name) {
                        case "detail" -> new ReadScenario(
                                ReadScenario.Kind.DETAIL,
                                options.threadsOf(name, CLOSED_LOOP_THREADS, CLOSED_LOOP_THREADS),
                                duration,
                                wrk);
                        case "list" -> new ReadScenario(
                                ReadScenario.Kind.LIST,
                                options.threadsOf(name, CLOSED_LOOP_THREADS, CLOSED_LOOP_THREADS),
                                duration,
                                wrk);
                        case "member-list" -> users(
                                options,
                                name,
                                "back-office users paging and filtering the member list: text search by name and"
                                        + " mobile, level, status, tag, join range, sorts, deep pages",
                                "member-list",
                                1000,
                                100,
                                duration,
                                Set.of());
                        case "member-create" -> users(
                                options,
                                name,
                                "back-office users registering members with unique mobiles and e-mails; 2 % re-enter"
                                        + " a seeded member's mobile and are refused with 409 (counted as conflicts)",
                                "member-create",
                                500,
                                50,
                                duration,
                                Set.of("409"));
                        case "mixed" -> users(
                                options, name, mixedDescription(), "mixed", 1000, 100, duration, conflicts());
                        case "spike" -> new PlanScenario(new PlanScenario.Settings(
                                name,
                                "the mixed plan with all users started within seconds; figures include the ramp",
                                "mixed",
                                options.threadsOf(name, 2000, 200),
                                Duration.ofSeconds(options.smoke() ? 2 : 5),
                                duration,
                                options.thinkMin(),
                                options.thinkMax(),
                                conflicts(),
                                true,
                                true,
                                false));
                        case "soak" -> new PlanScenario(new PlanScenario.Settings(
                                name,
                                "the mixed plan held for a long time: error rate, and P95 and heap of the first"
                                        + " against the last 10 minutes (thirds of a shorter run)",
                                "mixed",
                                options.threadsOf(name, 500, 50),
                                rampUp(options.soakDuration()),
                                options.soakDuration(),
                                options.thinkMin(),
                                options.thinkMax(),
                                conflicts(),
                                false,
                                false,
                                true));
                        case CommandThroughputScenario.NAME -> new CommandThroughputScenario(
                                List.of(1, 8, 32, 128), duration, wrk);
                        case IngestScenario.NAME -> new IngestScenario(options.ingestEvents());
                        case ReportsScenario.NAME -> new ReportsScenario(options.threadsOf(name, 4, 4), duration);
                        case ReplayScenario.NAME -> new ReplayScenario();
                        case BaselineScenario.NAME -> new BaselineScenario(
                                duration, options.smoke() ? 1 : 10, databaseName + "_pgbench");
                        case GeneratorCostScenario.NAME -> new GeneratorCostScenario(
                                options.threadsOf(name, CLOSED_LOOP_THREADS, CLOSED_LOOP_THREADS), duration);
                        default -> throw new IllegalArgumentException("unknown scenario " + name);
                    });
        }
        return scenarios;
    }

    private static Scenario users(
            SuiteOptions options,
            String name,
            String description,
            String plan,
            int users,
            int smokeUsers,
            Duration duration,
            Set<String> conflicts) {
        return new PlanScenario(new PlanScenario.Settings(
                name,
                description,
                plan,
                options.threadsOf(name, users, smokeUsers),
                rampUp(duration),
                duration,
                options.thinkMin(),
                options.thinkMax(),
                conflicts,
                false,
                true,
                false));
    }

    /** A tenth of the run, between one and thirty seconds. */
    private static Duration rampUp(Duration duration) {
        long seconds = Math.max(1, Math.min(30, duration.toSeconds() / 10));
        return Duration.ofSeconds(seconds);
    }

    private static Set<String> conflicts() {
        return Set.of("409", "412");
    }

    private static String mixedDescription() {
        return "back-office and self-service mix per iteration: detail 25 %, list 15 %, profile update with If-Match"
                + " from the ETag 5 %, freeze + unfreeze 2 %, purchase 10 %, purchase + refund 3 %, points 10 %, ledger"
                + " 5 %, level 5 %, /me profile + points + level 15 %, /me check-in 5 %; 409/412 are conflicts";
    }
}
