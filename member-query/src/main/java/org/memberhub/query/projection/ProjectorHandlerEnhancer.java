package org.memberhub.query.projection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nonnull;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.privacy.PersonalDataSubject;
import org.memberhub.kernel.privacy.PersonalDataVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Wraps every event handler of a projector (a class in a {@link ProcessingGroup}):
 *
 * <ul>
 *   <li>Normally the events of a processor batch are applied together: handlers change a {@link ProjectionBatch} in
 *       memory, written once when the batch commits. A failing handler makes the whole batch fail and roll back.
 *   <li>The events of a batch that failed are then applied one by one ({@link FailedBatches}), and so is an event
 *       handled outside a processor batch (a dead letter retried): each in a nested
 *       transaction, a savepoint within the batch, tried again with exponential back-off; when the attempts are used
 *       up the failure propagates to Axon's dead-letter queue, which parks the event and every later event of the same
 *       member until an operator retries them. Everything else is applied exactly once.
 *   <li>In a replay, a {@link MemberReadModel} is rebuilt member by member: when the replay reaches the first events
 *       of members, their rows are deleted and rebuilt from their whole streams, read for all of the batch's members
 *       with one query, in the batch's transaction; readers see the old rows or the rebuilt ones, never a member half
 *       built. The members' later events in the replay are then skipped without being deserialized.
 * </ul>
 */
@Component
class ProjectorHandlerEnhancer implements HandlerEnhancerDefinition {

    private static final Logger log = LoggerFactory.getLogger(ProjectorHandlerEnhancer.class);
    private static final String POISONED = ProjectorHandlerEnhancer.class.getName() + ".poisoned";
    private static final String KEYS_READ = ProjectorHandlerEnhancer.class.getName() + ".keysRead";

    private final TransactionTemplate savepoint;
    private final ProjectionProperties properties;
    private final FailedBatches failedBatches;
    private final MemberStreams streams;
    private final PersonalDataVault vault;
    private final Map<MemberReadModel, Rebuilds> rebuilds = new ConcurrentHashMap<>();

    ProjectorHandlerEnhancer(
            PlatformTransactionManager transactionManager,
            ProjectionProperties properties,
            FailedBatches failedBatches,
            MemberStreams streams,
            PersonalDataVault vault) {
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.properties = properties;
        this.failedBatches = failedBatches;
        this.streams = streams;
        this.vault = vault;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        boolean projector = original.declaringClass().isAnnotationPresent(ProcessingGroup.class);
        if (!projector || !original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(@Nonnull Message<?> message, T target) throws Exception {
                EventMessage<?> event = (EventMessage<?>) message;
                boolean alone = failedBatches.alone(event) || !inProcessorBatch();
                if (!alone) {
                    readKeysOfBatch();
                }
                if (target instanceof MemberReadModel readModel && isMemberEventReplayed(event)) {
                    Rebuilds rebuilt = rebuilds.computeIfAbsent(readModel, Rebuilds::new);
                    if (alone) {
                        return applyAlone(event, () -> {
                            rebuilt.rebuild(List.of(event));
                            return rebuilt.covers((DomainEventMessage<?>) event) ? null : super.handle(message, target);
                        });
                    }
                    return inBatch(() -> {
                        rebuilt.prepare();
                        return rebuilt.covers((DomainEventMessage<?>) event) ? null : super.handle(message, target);
                    });
                }
                if (alone) {
                    return applyAlone(event, () -> super.handle(message, target));
                }
                return inBatch(() -> super.handle(message, target));
            }
        };
    }

    /**
     * Reads, once per processor batch, the personal-data keys of every member whose personal data the batch's events
     * (or, in a replay, the streams of the members rebuilt) may need, in one query instead of one per event. Not
     * worth a query for a batch with a single such member.
     */
    private void readKeysOfBatch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root.resources().putIfAbsent(KEYS_READ, true) != null
                || !(root instanceof BatchingUnitOfWork<?> batching)) {
            return;
        }
        Set<String> subjects = new LinkedHashSet<>();
        for (Message<?> message : batching.getMessages()) {
            if (message instanceof DomainEventMessage<?> event
                    && (PersonalDataSubject.class.isAssignableFrom(event.getPayloadType())
                            || (event.getSequenceNumber() == 0 && Replays.isReplay(event)))) {
                subjects.add(event.getAggregateIdentifier());
            }
        }
        if (subjects.size() > 1) {
            vault.prefetch(subjects);
        }
    }

    /** Whether the event is handled in an event processor's batch, rather than alone (a dead letter retried, say). */
    private static boolean inProcessorBatch() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?>;
    }

    private static boolean isMemberEventReplayed(EventMessage<?> event) {
        return Replays.isReplay(event)
                && event instanceof DomainEventMessage<?> domainEvent
                && MemberEvent.class.isAssignableFrom(domainEvent.getPayloadType());
    }

    /** Applies an event as part of its batch; a failure fails the whole batch, to be retried event by event. */
    private static Object inBatch(Callable<Object> handler) throws Exception {
        try {
            return handler.call();
        } catch (Exception | Error failure) {
            if (CurrentUnitOfWork.isStarted()) {
                UnitOfWork<?> root = CurrentUnitOfWork.get().root();
                root.getOrComputeResource(POISONED, key -> {
                    root.onPrepareCommit(committing -> {
                        throw new BatchFailedException(failure);
                    });
                    return true;
                });
            }
            throw failure;
        }
    }

    /** Applies an event of a failed batch on its own, in a savepoint, with retries. */
    private Object applyAlone(EventMessage<?> event, Callable<Object> handler) throws Exception {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(committed -> failedBatches.done(event));
        }
        return applyWithRetries(event, () -> ProjectionBatches.isolated(() -> inSavepoint(handler)));
    }

    private Object applyWithRetries(Message<?> message, Callable<Object> handler) throws Exception {
        BackOffExecution backOff = backOff().start();
        int attempt = 1;
        while (true) {
            try {
                return handler.call();
            } catch (Exception failure) {
                long pause = backOff.nextBackOff();
                if (pause == BackOffExecution.STOP) {
                    log.error(
                            "Event {} ({}) failed {} times; handing it to the dead-letter queue: {}",
                            message.getIdentifier(),
                            message.getPayloadType().getSimpleName(),
                            attempt,
                            Failures.summary(failure));
                    throw failure;
                }
                log.warn(
                        "Event {} ({}) failed at attempt {}; trying again in {} ms: {}",
                        message.getIdentifier(),
                        message.getPayloadType().getSimpleName(),
                        attempt,
                        pause,
                        Failures.summary(failure));
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
                attempt++;
            }
        }
    }

    private ExponentialBackOff backOff() {
        ExponentialBackOff backOff =
                new ExponentialBackOff(properties.handlerBackOff().toMillis(), 2.0);
        backOff.setMaxAttempts(properties.handlerAttempts() - 1);
        return backOff;
    }

    /** Runs the handler in a savepoint; a checked exception of the handler comes out as itself. */
    private Object inSavepoint(Callable<Object> handler) throws Exception {
        try {
            return savepoint.execute(status -> {
                try {
                    return handler.call();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new CheckedFailure(e);
                }
            });
        } catch (CheckedFailure wrapper) {
            throw (Exception) wrapper.getCause();
        }
    }

    /**
     * The members of one read model rebuilt in the running replay, with the sequence number each was rebuilt up to. A
     * member leaves once the replay has passed its last rebuilt event, so the map holds only members still ahead.
     */
    private final class Rebuilds {

        private final MemberReadModel readModel;
        private final AnnotationEventHandlerAdapter adapter;
        private final Map<String, Long> rebuiltUpTo = new ConcurrentHashMap<>();
        private final String prepared;

        Rebuilds(MemberReadModel readModel) {
            this.readModel = readModel;
            this.adapter = new AnnotationEventHandlerAdapter(readModel);
            this.prepared = Rebuilds.class.getName() + "@" + System.identityHashCode(readModel);
        }

        /** Rebuilds, once per processor batch, every member whose first event is in the batch. */
        void prepare() throws Exception {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            if (root.resources().putIfAbsent(prepared, true) != null) {
                return;
            }
            List<EventMessage<?>> events = new ArrayList<>();
            if (root instanceof BatchingUnitOfWork<?> batching) {
                batching.getMessages().forEach(message -> events.add((EventMessage<?>) message));
            } else {
                events.add((EventMessage<?>) root.getMessage());
            }
            rebuild(events);
        }

        /** Rebuilds the members whose first event is among these events. */
        void rebuild(List<? extends EventMessage<?>> events) throws Exception {
            Set<String> first = new LinkedHashSet<>();
            for (EventMessage<?> event : events) {
                if (event instanceof DomainEventMessage<?> domainEvent
                        && domainEvent.getSequenceNumber() == 0
                        && Replays.isReplay(domainEvent)
                        && MemberEvent.class.isAssignableFrom(domainEvent.getPayloadType())) {
                    first.add(domainEvent.getAggregateIdentifier());
                }
            }
            if (first.isEmpty()) {
                return;
            }
            readModel.forget(first.stream().map(MemberId::of).toList());
            for (Map.Entry<String, List<DomainEventMessage<?>>> stream :
                    streams.read(first).entrySet()) {
                long last = -1;
                for (DomainEventMessage<?> event : stream.getValue()) {
                    if (adapter.canHandle(event)) {
                        adapter.handle(event);
                    }
                    last = event.getSequenceNumber();
                }
                rebuiltUpTo.put(stream.getKey(), last);
            }
        }

        /** Whether the event is part of a rebuild already done; the member leaves once its last one passes. */
        boolean covers(DomainEventMessage<?> event) {
            Long upTo = rebuiltUpTo.get(event.getAggregateIdentifier());
            if (upTo == null) {
                return false;
            }
            if (event.getSequenceNumber() >= upTo) {
                rebuiltUpTo.remove(event.getAggregateIdentifier(), upTo);
            }
            return event.getSequenceNumber() <= upTo;
        }
    }

    /** A processor batch failed in one of its events and is rolled back, to be tried again event by event. */
    static final class BatchFailedException extends RuntimeException {
        BatchFailedException(Throwable cause) {
            super("An event of the batch failed: " + Failures.summary(cause), cause);
        }
    }

    private static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Exception cause) {
            super(cause);
        }
    }
}
