package org.memberhub.perf;

import java.nio.file.Path;

/** {@code perf/run}'s entry point: the performance suite of shared/SPEC.md §9. */
public final class PerfSuite {

    private PerfSuite() {}

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.print(SuiteOptions.USAGE);
            return;
        }
        if (args.length == 2 && args[0].equals("--cleanup")) {
            Leftovers.clean(Path.of(args[1]));
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
}
