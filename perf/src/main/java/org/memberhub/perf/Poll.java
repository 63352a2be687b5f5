package org.memberhub.perf;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waiting for a condition by asking again at an interval, up to a deadline. */
final class Poll {

    private Poll() {}

    static void until(String what, Duration timeout, Duration interval, Callable<Boolean> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("while waiting for " + what, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + Durations.format(timeout));
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
