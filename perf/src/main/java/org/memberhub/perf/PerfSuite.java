package org.memberhub.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code perf/run}'s entry point: the performance suite of shared/SPEC.md §9. */
public final class PerfSuite {

    private PerfSuite() {}

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(SuiteOptions.USAGE);
            return;
        }
        if (args.length == 2 && args[0].equals("--cleanup")) {
            Leftovers.clean(Path.of(args[1]));
            return;
        }
        if (args.length >= 2 && args[args.length - 2].equals("--render")) {
            render(Path.of(args[args.length - 1]).toAbsolutePath());
            return;
        }
        Path perfHome = Path.of(System.getProperty("memberhub.perf.home", "perf"))
                .toAbsolutePath()
                .normalize();
        SuiteOptions options;
        try {
            options = SuiteOptions.parse(args, perfHome);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(SuiteOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            Path run = new Suite(options, "memberhub_perf_").run();
            System.out.println("results: " + run);
        } catch (Exception e) {
            System.err.println("perf run failed: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /**
     * Writes a run's summary.md again from its summary.json, with this version's layout and the trend of today; its
     * profiles are read again from their stacks where these are still there, with this version's digest.
     */
    private static void render(Path run) {
        try {
            Summary summary = Summary.read(run.resolve("summary.json")).withProfilesReadAgain(run);
            summary.write(run.resolve("summary.json"));
            List<String> scenarios =
                    summary.scenarios().stream().map(ScenarioResult::name).toList();
            Summary previous = Trend.previous(run.getParent(), summary.run(), scenarios);
            Files.writeString(run.resolve("summary.md"), SummaryMarkdown.render(summary, previous));
            System.out.println("rendered " + run.resolve("summary.md"));
        } catch (IOException e) {
            System.err.println("cannot render " + run + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
