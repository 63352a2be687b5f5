package org.memberhub.query.projection;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nonnull;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.memberhub.kernel.member.MemberEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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
 *   <li>Each event is applied in a nested transaction, a savepoint within the processor's batch: a failing event rolls
 *       back its own writes only, and the batch goes on (on PostgreSQL a failed statement would otherwise doom the
 *       whole batch transaction).
 *   <li>A failing event is tried again with exponential back-off; when the attempts are used up the failure
 *       propagates to Axon's dead-letter queue, which parks the event and every later event of the same member until
 *       an operator retries them. Other members' events go on.
 *   <li>In a replay, the first event of a member rebuilds a {@link MemberReadModel}'s rows of that member from the
 *       event store in one go.
 * </ul>
 */
@Component
class ProjectorHandlerEnhancer implements HandlerEnhancerDefinition {

    private static final Logger log = LoggerFactory.getLogger(ProjectorHandlerEnhancer.class);

    private final TransactionTemplate savepoint;
    private final ProjectionProperties properties;
    private final ObjectProvider<EventStore> eventStore;
    private final Map<Object, AnnotationEventHandlerAdapter> adapters = new ConcurrentHashMap<>();

    ProjectorHandlerEnhancer(
            PlatformTransactionManager transactionManager,
            ProjectionProperties properties,
            ObjectProvider<EventStore> eventStore) {
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.properties = properties;
        this.eventStore = eventStore;
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
                if (target instanceof MemberReadModel readModel && isFirstEventReplayed(message)) {
                    return applyWithRetries(message, () -> rebuild(readModel, (EventMessage<?>) message));
                }
                return applyWithRetries(message, () -> super.handle(message, target));
            }
        };
    }

    private static boolean isFirstEventReplayed(Message<?> message) {
        return ReplayToken.isReplay(message)
                && message instanceof DomainEventMessage<?> domainEvent
                && domainEvent.getSequenceNumber() == 0
                && domainEvent.getPayload() instanceof MemberEvent;
    }

    private Object rebuild(MemberReadModel readModel, EventMessage<?> first) throws Exception {
        MemberEvent event = (MemberEvent) first.getPayload();
        readModel.forget(event.memberId());
        AnnotationEventHandlerAdapter adapter = adapters.computeIfAbsent(readModel, AnnotationEventHandlerAdapter::new);
        var events = eventStore.getObject().readEvents(event.memberId().toString(), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> next = events.next();
            if (adapter.canHandle(next)) {
                adapter.handle(next);
            }
        }
        return null;
    }

    private Object applyWithRetries(Message<?> message, Callable<Object> handler) throws Exception {
        BackOffExecution backOff = backOff().start();
        int attempt = 1;
        while (true) {
            try {
                return inSavepoint(handler);
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

    private static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Exception cause) {
            super(cause);
        }
    }
}
