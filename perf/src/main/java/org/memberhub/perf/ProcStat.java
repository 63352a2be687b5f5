package org.memberhub.perf;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** CPU time from Linux's /proc: of one process, of every PostgreSQL process, of the whole machine. */
final class ProcStat {

    private static final Path PROC = Path.of("/proc");
    private static final double TICKS_PER_SECOND = ticksPerSecond();

    private ProcStat() {}

    /** User plus system CPU seconds the process has used, empty once it is gone. */
    static OptionalDouble cpuSeconds(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            return OptionalDouble.of(ticks(stat) / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException gone) {
            return OptionalDouble.empty();
        }
    }

    /** CPU seconds of every process named {@code postgres} (server and backends), by pid. */
    static Map<Long, Double> postgresCpuSeconds() {
        Map<Long, Double> seconds = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .equals("postgres")) {
                        seconds.put(Long.parseLong(process.getFileName().toString()), ticks(stat) / TICKS_PER_SECOND);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return seconds;
    }

    /** Busy and total CPU seconds of the machine since boot, over all cores: {busy, total}. */
    static double[] machineSeconds() {
        try {
            String first = Files.readAllLines(PROC.resolve("stat")).get(0);
            String[] fields = first.trim().split("\\s+");
            double total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Double.parseDouble(fields[i]);
            }
            double idle = Double.parseDouble(fields[4]) + Double.parseDouble(fields[5]);
            return new double[] {(total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    private static long ticks(String stat) {
        // fields after the command name, which may contain spaces: state is field 3, utime 14, stime 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
