package org.memberhub.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The comparison of a run with the newest earlier one under the same results directory. */
final class Trend {

    /** One figure before and now. */
    record Row(String scenario, String figure, Double before, Double now, Double changePercent) {}

    private Trend() {}

    /** The newest {@code summary.json} of a run older than {@code current} that ran one of the same scenarios. */
    static Summary previous(Path resultsRoot, String current, List<String> scenarios) {
        if (!Files.isDirectory(resultsRoot)) {
            return null;
        }
        List<Path> older;
        try (Stream<Path> runs = Files.list(resultsRoot)) {
            older = runs.filter(dir -> dir.getFileName().toString().compareTo(current) < 0)
                    .filter(dir -> Files.isRegularFile(dir.resolve("summary.json")))
                    .sorted(Comparator.comparing((Path dir) -> dir.getFileName().toString())
                            .reversed())
                    .toList();
        } catch (IOException e) {
            return null;
        }
        for (Path run : older) {
            try {
                Summary summary = Summary.read(run.resolve("summary.json"));
                if (summary.scenarios().stream().anyMatch(s -> scenarios.contains(s.name()))) {
                    return summary;
                }
            } catch (IOException | RuntimeException unreadable) {
                // an older format or a broken file: look further back
            }
        }
        return null;
    }

    static List<Row> compare(Summary before, Summary now) {
        List<Row> rows = new ArrayList<>();
        if (before.seed() != null && now.seed() != null) {
            rows.add(row(
                    "seeding",
                    "commands/s",
                    before.seed().commandsPerSecond(),
                    now.seed().commandsPerSecond()));
        }
        for (ScenarioResult current : now.scenarios()) {
            ScenarioResult earlier = before.scenario(current.name()).orElse(null);
            if (earlier == null) {
                continue;
            }
            rows.add(row(current.name(), "rate", Goals.rate(earlier), Goals.rate(current)));
            if (current.http() != null && earlier.http() != null) {
                rows.add(row(
                        current.name(),
                        "P95 ms",
                        earlier.http().p95(),
                        current.http().p95()));
                rows.add(row(
                        current.name(),
                        "errors %",
                        100 * earlier.http().errorRate(),
                        100 * current.http().errorRate()));
            }
            if (current.name().equals(BaselineScenario.NAME)) {
                rows.add(row(
                        current.name(),
                        "select-only tps",
                        earlier.figure(BaselineScenario.SELECT_ONLY),
                        current.figure(BaselineScenario.SELECT_ONLY)));
                rows.add(row(
                        current.name(),
                        "insert tps",
                        earlier.figure(BaselineScenario.INSERTS),
                        current.figure(BaselineScenario.INSERTS)));
            }
        }
        return rows.stream().filter(r -> r.before() != null || r.now() != null).toList();
    }

    private static Row row(String scenario, String figure, Double before, Double now) {
        Double change = before == null || now == null || before == 0 ? null : 100 * (now - before) / before;
        return new Row(scenario, figure, before, now, change);
    }
}
