package org.memberhub.query.projection;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.memberhub.kernel.member.MemberEvent;

/**
 * Gives a projector's handlers the {@link ProjectionBatch} of the events being processed.
 *
 * <p>In an event processor all events of a processor batch share one projection batch per projector, created at the
 * first event with the whole list of the batch's events (so that it can load what they need in one query) and flushed
 * when the batch's transaction is about to commit. An event being retried on its own after its batch failed ({@link
 * #isolated}), or handled outside a processor batch (a dead letter retried), gets a batch of its own, flushed as soon
 * as the handler returns, inside the event's savepoint. Without a unit of work (a test calling a handler) each call is
 * its own batch.
 */
public final class ProjectionBatches {

    private static final ThreadLocal<Boolean> ISOLATED = ThreadLocal.withInitial(() -> false);

    private ProjectionBatches() {}

    /**
     * Applies a change to the current batch of a projector.
     *
     * @param projector the projector, whose batch this is
     * @param create makes the batch, given the events it will see (empty when unknown)
     * @param change what the handler changes
     */
    public static <B extends ProjectionBatch> void apply(
            Object projector, Function<List<? extends EventMessage<?>>, B> create, Consumer<B> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            applyAlone(create.apply(List.of()), change);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (ISOLATED.get() || !(unitOfWork.root() instanceof BatchingUnitOfWork<?>)) {
            List<EventMessage<?>> alone =
                    unitOfWork.getMessage() instanceof EventMessage<?> event ? List.of(event) : List.of();
            applyAlone(create.apply(alone), change);
            return;
        }
        UnitOfWork<?> root = unitOfWork.root();
        B batch = root.getOrComputeResource(key(projector), key -> {
            B created = create.apply(messages(root));
            root.onPrepareCommit(committing -> created.flush());
            return created;
        });
        change.accept(batch);
    }

    /** Runs a handler for an event retried on its own: its changes are written before this returns. */
    static <T> T isolated(ThrowingSupplier<T> handler) throws Exception {
        boolean outer = ISOLATED.get();
        ISOLATED.set(true);
        try {
            return handler.get();
        } finally {
            ISOLATED.set(outer);
        }
    }

    /** The members whose events are among these, read from the events' aggregate ids without deserializing them. */
    public static List<UUID> members(List<? extends EventMessage<?>> events) {
        return events.stream()
                .filter(event -> event instanceof DomainEventMessage<?> domainEvent
                        && MemberEvent.class.isAssignableFrom(domainEvent.getPayloadType()))
                .map(event -> UUID.fromString(((DomainEventMessage<?>) event).getAggregateIdentifier()))
                .distinct()
                .toList();
    }

    private static <B extends ProjectionBatch> void applyAlone(B batch, Consumer<B> change) {
        change.accept(batch);
        batch.flush();
    }

    private static List<? extends EventMessage<?>> messages(UnitOfWork<?> unitOfWork) {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
            return batching.getMessages().stream()
                    .filter(EventMessage.class::isInstance)
                    .map(message -> (EventMessage<?>) message)
                    .toList();
        }
        return unitOfWork.getMessage() instanceof EventMessage<?> event ? List.of(event) : List.of();
    }

    private static String key(Object projector) {
        return ProjectionBatch.class.getName() + "@" + System.identityHashCode(projector);
    }

    /** A handler call that may throw what the handler throws. */
    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
