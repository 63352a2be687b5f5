package org.memberhub.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine and software a run measured.
 *
 * @param cores processors the JVM sees
 * @param memory total RAM
 * @param cpu CPU model
 * @param kernel Linux release
 * @param jdk the JDK of the application and of JMeter
 * @param postgres PostgreSQL server version
 * @param appCommit the application's commit
 * @param appJar the jar that was started
 * @param appJvm the application's JVM options and extra arguments
 * @param generators versions of JMeter, wrk and pgbench
 */
record Machine(
        int cores,
        String memory,
        String cpu,
        String kernel,
        String jdk,
        String postgres,
        String appCommit,
        String appJar,
        String appJvm,
        String generators) {

    private static final Pattern COMMIT_IN_NAME = Pattern.compile("-([0-9a-f]{7,40})\\.jar$");

    static Machine describe(SuiteOptions options, String postgres, String jmeterVersion) {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                totalMemory(),
                cpuModel(),
                read("/proc/sys/kernel/osrelease"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                postgres,
                commit(options),
                options.jar().toString(),
                "-Xms" + options.appHeap() + " -Xmx" + options.appHeap() + " -XX:+UseG1GC"
                        + (options.appArguments().isEmpty() ? "" : " " + String.join(" ", options.appArguments())),
                "JMeter " + jmeterVersion + ", " + (Wrk.available() ? "wrk " + wrkVersion() : "no wrk") + ", pgbench "
                        + BaselineScenario.version());
    }

    /** From a jar named {@code ...-<commit>.jar}, else the working tree's HEAD (the default jar is built from it). */
    static String commit(SuiteOptions options) {
        Matcher matcher = COMMIT_IN_NAME.matcher(options.jar().getFileName().toString());
        if (matcher.find()) {
            return matcher.group(1) + " (from the jar's name)";
        }
        String head = run(options.perfHome().getParent(), "git", "rev-parse", "--short", "HEAD");
        return head.isEmpty() ? "unknown" : head;
    }

    /** The one-minute load average. */
    static String loadAverage() {
        String loadavg = read("/proc/loadavg");
        return loadavg.equals("?") ? "?" : loadavg.split(" ")[0];
    }

    private static String totalMemory() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
            }
        }
        return "?";
    }

    private static String cpuModel() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "?";
    }

    private static String wrkVersion() {
        String out = run(Path.of("."), "wrk", "-v");
        Matcher matcher = Pattern.compile("wrk (\\S+)").matcher(out);
        return matcher.find() ? matcher.group(1) : "?";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
