package org.memberhub.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the application's CPU went during one scenario, read from async-profiler's collapsed stacks (one line per
 * distinct stack: {@code [thread tid=N];frame;frame;... samples}).
 *
 * @param file the collapsed stacks, relative to the run's directory
 * @param samples CPU samples in all (one per 10 ms of CPU time)
 * @param threads share of the samples per kind of thread, in %, largest first
 * @param through share of the samples whose stack passes through each part of the stack (a sample can pass through
 *     several: a JSON write inside a Spring MVC call counts for both), in %, largest first
 * @param hottest the methods most often on top of the stack (self time), in % of the samples, largest first
 */
record ProfileDigest(
        String file,
        long samples,
        Map<String, Double> threads,
        Map<String, Double> through,
        Map<String, Double> hottest) {

    /**
     * Kinds of thread, by a part of the thread's name; the first that matches wins. The JVM's own threads go by their
     * Linux names, cut at 15 characters ("C2 CompilerThre").
     */
    private static final List<Map.Entry<String, List<String>>> THREADS = List.of(
            Map.entry("HTTP requests", List.of("http-nio-", "tomcat-handler")),
            Map.entry(
                    "projections",
                    List.of("EventProcessor[", "WorkPackage[", "Coordinator[", "projection", "EmbeddedEventStore")),
            Map.entry("Kafka consumers", List.of("KafkaListenerEndpointContainer", "-C-", "kafka-")),
            Map.entry("JIT compiler", List.of("CompilerThre", "Sweeper thread")),
            Map.entry("GC and VM", List.of("GC Thread", "G1 ", "VM Thread", "VM Periodic", "GC ")),
            Map.entry("the profiler", List.of("Attach Listener", "async-profiler")),
            Map.entry("scheduled work", List.of("scheduling-", "task-", "command-retry", "member-sync")),
            Map.entry("database pool", List.of("HikariPool", "PostgreSQL-JDBC")));

    /** Parts of the stack by package or frame; {@code _[k]} marks async-profiler's kernel frames. */
    private static final List<Map.Entry<String, List<String>>> PARTS = List.of(
            Map.entry("Spring Security", List.of("org/springframework/security/")),
            Map.entry("Spring MVC", List.of("org/springframework/web/servlet/")),
            Map.entry("Tomcat", List.of("org/apache/catalina/", "org/apache/coyote/", "org/apache/tomcat/")),
            Map.entry("Jackson (JSON)", List.of("com/fasterxml/jackson/")),
            Map.entry("Axon", List.of("org/axonframework/")),
            Map.entry("event store (ours)", List.of("org/memberhub/eventstore/")),
            Map.entry("jOOQ", List.of("org/jooq/")),
            Map.entry("PostgreSQL driver", List.of("org/postgresql/")),
            Map.entry("Hikari", List.of("com/zaxxer/hikari/")),
            Map.entry("Micrometer", List.of("io/micrometer/")),
            Map.entry("crypto", List.of("javax/crypto/", "com/sun/crypto/", "sun/security/")),
            Map.entry("kernel", List.of("_[k]")));

    private static final int HOTTEST = 12;

    /** Reads a collapsed-stacks file; a stack without a thread frame counts as "other". */
    static ProfileDigest read(Path collapsed) throws IOException {
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> through = new HashMap<>();
        Map<String, Long> hottest = new HashMap<>();
        long total = 0;
        try (Stream<String> lines = Files.lines(collapsed)) {
            for (String line : (Iterable<String>) lines::iterator) {
                int space = line.lastIndexOf(' ');
                if (space <= 0 || !line.substring(space + 1).matches("\\d+")) {
                    continue;
                }
                long count = Long.parseLong(line.substring(space + 1));
                String stack = line.substring(0, space);
                total += count;
                String[] frames = stack.split(";");
                String root = frames[0];
                String thread = root.startsWith("[") ? threadKind(root) : "other";
                threads.merge(thread, count, Long::sum);
                for (Map.Entry<String, List<String>> part : PARTS) {
                    if (part.getValue().stream().anyMatch(stack::contains)) {
                        through.merge(part.getKey(), count, Long::sum);
                    }
                }
                hottest.merge(method(frames[frames.length - 1]), count, Long::sum);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Path name = collapsed.getParent() == null
                ? collapsed.getFileName()
                : collapsed.getParent().getFileName().resolve(collapsed.getFileName());
        return new ProfileDigest(
                name.toString(),
                total,
                shares(threads, total, Integer.MAX_VALUE),
                shares(through, total, Integer.MAX_VALUE),
                shares(hottest, total, HOTTEST));
    }

    private static String threadKind(String root) {
        for (Map.Entry<String, List<String>> kind : THREADS) {
            if (kind.getValue().stream().anyMatch(root::contains)) {
                return kind.getKey();
            }
        }
        return "other";
    }

    /** {@code org/memberhub/Foo$Bar.baz_[j]} → {@code Foo$Bar.baz}; native and kernel frames stay as they are. */
    static String method(String frame) {
        String name = frame.replaceAll("_\\[[a-z0-9]+]$", "");
        int paren = name.indexOf('(');
        if (paren > 0) {
            name = name.substring(0, paren);
        }
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/', dot < 0 ? name.length() - 1 : dot);
        return slash >= 0 && dot > slash ? name.substring(slash + 1) : name;
    }

    private static Map<String, Double> shares(Map<String, Long> counts, long total, int limit) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : sorted.subList(0, Math.min(limit, sorted.size()))) {
            shares.put(entry.getKey(), total == 0 ? 0 : 100.0 * entry.getValue() / total);
        }
        return shares;
    }
}
