package org.memberhub.query.projection;

import static org.memberhub.query.jooq.Tables.PROJECTION_REPLAY;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.jooq.DSLContext;
import org.memberhub.query.jooq.tables.records.ProjectionReplayRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out the replays asked for in {@code projection_replay}, together with the other instances. Axon resets a
 * processor's tokens only when it can claim every segment, so each instance, seeing a replay waiting, stops its own
 * processor for the group, which releases its claims. Each then tries the reset; the first to find all claims free
 * resets the tokens and records the start in the same transaction, and every instance starts its processor again.
 * An instance that dies holding claims delays the reset only until its claims time out.
 */
@Component
class ReplayCoordinator {

    private static final Logger log = LoggerFactory.getLogger(ReplayCoordinator.class);
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final Projections projections;
    private final DSLContext dsl;
    private final TransactionTemplate transaction;
    private final ProjectionProperties properties;
    private final Clock clock;
    private final Set<String> stoppedForReplay = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService executor;
    private volatile boolean closing;

    ReplayCoordinator(
            Projections projections,
            DSLContext dsl,
            PlatformTransactionManager transactionManager,
            ProjectionProperties properties,
            Clock clock) {
        this.projections = projections;
        this.dsl = dsl;
        this.transaction = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts polling once the processors are running. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long interval = properties.coordinationInterval().toMillis();
        executor = Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("projection-replays"));
        executor.scheduleWithFixedDelay(this::coordinateSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Stops polling before Axon shuts the processors down, so that none is started again while it does. */
    @EventListener(ContextClosedEvent.class)
    void stop() throws InterruptedException {
        closing = true;
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.shutdownNow();
            running.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /**
     * A replay asked for on this instance is taken up at once, not at the next round: every instance still takes it
     * up within a round, and the reset still waits for all of them.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void replayRequested(Projections.ReplayRequested requested) {
        ScheduledExecutorService running = executor;
        if (running != null && !closing) {
            try {
                running.execute(this::coordinateSafely);
            } catch (RejectedExecutionException shuttingDown) {
                // the instance is stopping; another instance takes the replay up
            }
        }
    }

    private void coordinateSafely() {
        try {
            coordinate();
        } catch (RuntimeException e) {
            log.error("Coordinating projection replays failed; trying again shortly: {}", Failures.summary(e));
        }
    }

    /** One round: stop, reset or start again each group as the waiting replays demand. */
    void coordinate() {
        Set<String> waiting = Set.copyOf(dsl.select(PROJECTION_REPLAY.PROCESSING_GROUP)
                .from(PROJECTION_REPLAY)
                .where(PROJECTION_REPLAY.STARTED_AT.isNull())
                .fetch(PROJECTION_REPLAY.PROCESSING_GROUP));
        for (String group : projections.names()) {
            if (closing) {
                return;
            }
            if (!(projections.processor(group) instanceof StreamingEventProcessor processor)) {
                continue;
            }
            if (waiting.contains(group)) {
                if (processor.isRunning()) {
                    log.info("Stopping processor {} for the replay asked for", group);
                    stoppedForReplay.add(group);
                    processor.shutDown();
                }
                if (stoppedForReplay.contains(group) && tryReset(group, processor)) {
                    restart(group, processor);
                }
            } else if (stoppedForReplay.contains(group)) {
                restart(group, processor);
            }
        }
    }

    private boolean tryReset(String group, StreamingEventProcessor processor) {
        try {
            return Boolean.TRUE.equals(transaction.execute(status -> {
                ProjectionReplayRecord row = dsl.selectFrom(PROJECTION_REPLAY)
                        .where(PROJECTION_REPLAY.PROCESSING_GROUP.eq(group))
                        .and(PROJECTION_REPLAY.STARTED_AT.isNull())
                        .forUpdate()
                        .skipLocked()
                        .fetchOne();
                if (row == null) {
                    return false;
                }
                Long reachedBefore = projections.status(group).position();
                processor.resetTokens();
                row.setStartedAt(clock.instant().atOffset(ZoneOffset.UTC));
                row.setStartedBy(NODE);
                row.setResetPosition(reachedBefore);
                row.store();
                log.info("Reset the tokens of {} at position {}; replaying", group, reachedBefore);
                return true;
            }));
        } catch (UnableToClaimTokenException stillClaimed) {
            log.info("Replay of {} waits for other instances to release their segments", group);
            return false;
        }
    }

    private void restart(String group, StreamingEventProcessor processor) {
        if (closing) {
            return;
        }
        stoppedForReplay.remove(group);
        if (!processor.isRunning()) {
            log.info("Starting processor {} again", group);
            processor.start();
        }
    }
}
