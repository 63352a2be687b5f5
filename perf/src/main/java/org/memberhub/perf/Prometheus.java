package org.memberhub.perf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;

/** The few figures the suite reads from the application's Prometheus endpoint. */
final class Prometheus {

    private record Sample(String labels, double value) {}

    private final Map<String, List<Sample>> samples;

    private Prometheus(Map<String, List<Sample>> samples) {
        this.samples = samples;
    }

    static Prometheus parse(String exposition) {
        Map<String, List<Sample>> samples = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            int nameEnd = brace >= 0 && brace < space ? brace : line.indexOf(' ');
            String name = line.substring(0, nameEnd);
            String labels = brace >= 0 && brace < space ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
            try {
                double value = Double.parseDouble(line.substring(space + 1));
                samples.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sample(labels, value));
            } catch (NumberFormatException ignored) {
                // a value we do not read
            }
        }
        return new Prometheus(samples);
    }

    /**
     * Sum of the series of a metric whose labels contain every one of {@code labelTexts} (negative values, unknowns,
     * left out); null when there is none.
     */
    Double sum(String name, String... labelTexts) {
        return aggregate(
                name, s -> s.value() >= 0 && Arrays.stream(labelTexts).allMatch(s.labels()::contains), Double::sum);
    }

    Double max(String name) {
        return aggregate(name, s -> true, Math::max);
    }

    private Double aggregate(String name, Predicate<Sample> filter, BinaryOperator<Double> combine) {
        Double result = null;
        for (Sample sample : samples.getOrDefault(name, List.of())) {
            if (filter.test(sample)) {
                result = result == null ? sample.value() : combine.apply(result, sample.value());
            }
        }
        return result;
    }
}
