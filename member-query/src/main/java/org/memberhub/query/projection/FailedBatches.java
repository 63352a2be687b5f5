package org.memberhub.query.projection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nonnull;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessingException;
import org.springframework.stereotype.Component;

/**
 * Remembers the events of processor batches that failed as a whole, so that when the processor retries them each is
 * applied on its own (in a savepoint, with retries, and to the dead-letter queue when it keeps failing) and one bad
 * event cannot hold back the others. As the processors' error handler it records the events and lets the failure
 * propagate, so that the processor rolls back and tries the batch again.
 */
@Component
class FailedBatches implements ErrorHandler {

    /** Events not retried within this time (their segment moved to another instance) are forgotten. */
    private static final Duration KEEP = Duration.ofHours(1);

    private final Map<String, Long> alone = new ConcurrentHashMap<>();

    @Override
    public void handleError(@Nonnull ErrorContext context) throws Exception {
        if (context.failedEvents().size() > 1) {
            long now = System.nanoTime();
            alone.values().removeIf(since -> now - since > KEEP.toNanos());
            for (EventMessage<?> event : context.failedEvents()) {
                alone.put(event.getIdentifier(), now);
            }
        }
        Throwable error = context.error();
        if (error instanceof Error fatal) {
            throw fatal;
        }
        if (error instanceof Exception exception) {
            throw exception;
        }
        throw new EventProcessingException("Processing a batch of " + context.eventProcessor() + " failed", error);
    }

    /** Whether the event is to be applied on its own. */
    boolean alone(EventMessage<?> event) {
        return alone.containsKey(event.getIdentifier());
    }

    /** The event was applied on its own (or parked), and committed. */
    void done(EventMessage<?> event) {
        alone.remove(event.getIdentifier());
    }
}
