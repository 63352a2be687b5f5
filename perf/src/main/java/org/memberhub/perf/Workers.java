package org.memberhub.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A bounded pool of clients working through numbered tasks, with progress in the log. */
final class Workers {

    private static final Logger log = LoggerFactory.getLogger(Workers.class);

    @FunctionalInterface
    interface Task {
        void run(int index) throws Exception;
    }

    private Workers() {}

    /** Runs {@code task} for 0 to count - 1 on {@code clients} threads; the first failure stops all and is thrown. */
    static void run(String what, int clients, int count, Task task) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(clients, count)));
        long started = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < Math.max(1, Math.min(clients, count)); c++) {
                futures.add(pool.submit(() -> {
                    int index;
                    while (failure.get() == null && (index = next.getAndIncrement()) < count) {
                        try {
                            task.run(index);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } catch (Exception e) {
                            failure.compareAndSet(null, e);
                            return;
                        }
                        done.incrementAndGet();
                    }
                }));
            }
            pool.shutdown();
            while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                double seconds = (System.nanoTime() - started) / 1e9;
                log.info("  {}: {} of {} ({}/s)", what, done.get(), count, Math.round(done.get() / seconds));
            }
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(what + " failed: " + failure.get().getMessage(), failure.get());
        }
    }
}
