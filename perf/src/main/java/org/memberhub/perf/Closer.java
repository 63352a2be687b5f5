package org.memberhub.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes what a run started (processes, the broker, databases) in reverse order, once, whether the run ends, fails or
 * is interrupted (a shutdown hook calls {@link #closeAll}). What must be undone outside this JVM is also written to a
 * leftovers file, which {@code perf/run} reads to clean up when this JVM was killed before it could.
 */
final class Closer {

    private static final Logger log = LoggerFactory.getLogger(Closer.class);

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private record Step(String description, Action action) {}

    private final Deque<Step> steps = new ArrayDeque<>();
    private final Path leftovers;
    private boolean closed;

    Closer(Path leftovers) {
        this.leftovers = leftovers;
    }

    synchronized void register(String description, Action action) {
        if (closed) {
            throw new IllegalStateException("already closed; not starting " + description);
        }
        steps.push(new Step(description, action));
    }

    /** Notes a process or database for {@code perf/run} to remove should this JVM die without closing. */
    synchronized void leftover(String kind, String value) {
        try {
            Files.writeString(
                    leftovers, kind + " " + value + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void closeAll() {
        if (closed) {
            return;
        }
        closed = true;
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.action().run();
            } catch (Exception e) {
                log.warn("could not {}: {}", step.description(), e.toString());
            }
        }
        try {
            Files.deleteIfExists(leftovers);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", leftovers, e.toString());
        }
    }
}
