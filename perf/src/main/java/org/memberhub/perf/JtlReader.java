package org.memberhub.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Streams the samples of a JMeter CSV results file (.jtl), whatever its size. */
final class JtlReader {

    /** One request: when it started (epoch ms), how long it took, its label, status code and verdict. */
    record Sample(long start, long elapsed, String label, String code, boolean success) {}

    private JtlReader() {}

    static void forEach(Path jtl, Consumer<Sample> consumer) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(jtl, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                return;
            }
            List<String> columns = split(header);
            int timeStamp = index(columns, "timeStamp");
            int elapsed = index(columns, "elapsed");
            int label = index(columns, "label");
            int code = index(columns, "responseCode");
            int success = index(columns, "success");
            String record;
            while ((record = readRecord(reader)) != null) {
                List<String> fields = split(record);
                if (fields.size() < columns.size()) {
                    continue;
                }
                consumer.accept(new Sample(
                        Long.parseLong(fields.get(timeStamp)),
                        Long.parseLong(fields.get(elapsed)),
                        fields.get(label),
                        fields.get(code),
                        Boolean.parseBoolean(fields.get(success))));
            }
        }
    }

    /** The earliest start among the samples (JMeter writes them as they end, so not always the first line's). */
    static long firstStart(Path jtl) throws IOException {
        long[] first = {Long.MAX_VALUE};
        forEach(jtl, sample -> first[0] = Math.min(first[0], sample.start()));
        return first[0] == Long.MAX_VALUE ? System.currentTimeMillis() : first[0];
    }

    /** A line, or several when a quoted field holds line breaks. */
    private static String readRecord(BufferedReader reader) throws IOException {
        String line = reader.readLine();
        if (line == null) {
            return null;
        }
        StringBuilder record = new StringBuilder(line);
        while (quotes(record) % 2 == 1) {
            String more = reader.readLine();
            if (more == null) {
                break;
            }
            record.append('\n').append(more);
        }
        return record.toString();
    }

    private static long quotes(CharSequence text) {
        return text.chars().filter(c -> c == '"').count();
    }

    static List<String> split(String record) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < record.length() && record.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static int index(List<String> columns, String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalStateException("the results file has no column " + name + ": " + columns);
        }
        return index;
    }
}
