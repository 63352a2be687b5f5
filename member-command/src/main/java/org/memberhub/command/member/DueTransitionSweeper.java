package org.memberhub.command.member;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryHandler;
import org.memberhub.command.config.CommandProperties;
import org.memberhub.command.member.DueSchedule.Due;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.points.FindPoisonedDueTransitionsQuery;
import org.memberhub.kernel.points.PoisonedDueTransitions;
import org.memberhub.kernel.points.ProcessDueTransitionsCommand;
import org.memberhub.kernel.points.RetryPoisonedDueTransitionsCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Wakes members whose releases, expiries or manual level ends have fallen due, by sending each an idempotent
 * {@link ProcessDueTransitionsCommand}. Correctness never depends on the sweep: every command a member receives first
 * applies what is due, and applying it twice changes nothing. Several instances may sweep at once; they may wake the
 * same member, and the event store's optimistic locking lets only one of them append.
 *
 * <p>A member whose wake-up fails is tried again with exponential back-off ({@code sweep-back-off} doubling up to
 * {@code sweep-max-back-off}); after {@code sweep-attempts} failures it is poisoned: logged with its id, counted in
 * {@code memberhub.sweep.poisoned}, listed for operators and skipped until retried. Failures that say nothing about the
 * member (the database unreachable or timing out, a race with another writer) postpone it without counting. So no
 * member that keeps failing ever holds back the members due after it.
 */
@Component
public class DueTransitionSweeper {

    private static final Logger log = LoggerFactory.getLogger(DueTransitionSweeper.class);
    private static final Map<String, String> SCHEDULER = Map.of(AuditMetadata.SOURCE, AuditMetadata.SOURCE_SCHEDULER);
    private static final Duration POISONED_COUNT_MAX_AGE = Duration.ofSeconds(10);

    private final DueSchedule schedule;
    private final CommandGateway commands;
    private final Clock clock;
    private final int batchSize;
    private final int attempts;
    private final Duration backOff;
    private final Duration maxBackOff;
    private final Counter failures;
    private final AtomicLong poisonedCount = new AtomicLong(-1);
    private volatile long poisonedCountReadAt;

    DueTransitionSweeper(
            DueSchedule schedule,
            CommandGateway commands,
            Clock clock,
            CommandProperties properties,
            MeterRegistry metrics) {
        this.schedule = schedule;
        this.commands = commands;
        this.clock = clock;
        this.batchSize = properties.sweepBatchSize();
        this.attempts = properties.sweepAttempts();
        this.backOff = properties.sweepBackOff();
        this.maxBackOff = properties.sweepMaxBackOff();
        this.failures = Counter.builder("memberhub.sweep.failures")
                .description("Wake-ups of members by the sweep that failed (each is tried again, or poisoned)")
                .register(metrics);
        Gauge.builder("memberhub.sweep.poisoned", this, DueTransitionSweeper::poisonedCount)
                .description("Members the sweep skips after failing to wake them sweep-attempts times")
                .register(metrics);
    }

    /** Processes every member due now, batch after batch; returns how many members were woken. */
    public int sweep() {
        int woken = 0;
        Set<Due> previous = Set.of();
        List<Due> due;
        do {
            Instant now = clock.instant();
            due = schedule.due(now, batchSize);
            if (previous.containsAll(due)) {
                break; // nothing left that this sweep has not tried
            }
            for (Due member : due) {
                if (previous.contains(member)) {
                    continue;
                }
                try {
                    commands.sendAndWait(
                            GenericCommandMessage.asCommandMessage(new ProcessDueTransitionsCommand(member.member()))
                                    .andMetaData(SCHEDULER));
                    woken++;
                } catch (RuntimeException e) {
                    failed(member, e, now);
                }
            }
            previous = new HashSet<>(due);
        } while (due.size() == batchSize);
        return woken;
    }

    private void failed(Due due, RuntimeException failure, Instant now) {
        failures.increment();
        if (isTransient(failure)) {
            log.warn("Could not wake member {}, will try again: {}", due.member(), describe(failure));
            schedule.failed(due, due.attempts(), now.plus(backOff), describe(failure), now);
            return;
        }
        int failed = due.attempts() + 1;
        if (failed >= attempts) {
            log.error(
                    "Due transitions of member {} failed {} times; the sweep skips the member until it is retried"
                            + " (POST /api/v1/admin/sweep/poisoned/retry) or one of its commands succeeds",
                    due.member(),
                    failed,
                    failure);
            schedule.failed(due, failed, null, describe(failure), now);
            poisonedCountReadAt = 0;
        } else {
            Instant retryAt = now.plus(backOff(failed));
            // the stack trace once, at the first failure; the poisoning logs the last one
            if (failed == 1) {
                log.warn(
                        "Could not apply due transitions of member {} (attempt 1 of {}), next attempt at {}",
                        due.member(),
                        attempts,
                        retryAt,
                        failure);
            } else {
                log.warn(
                        "Could not apply due transitions of member {} (attempt {} of {}: {}), next attempt at {}",
                        due.member(),
                        failed,
                        attempts,
                        describe(failure),
                        retryAt);
            }
            schedule.failed(due, failed, retryAt, describe(failure), now);
        }
    }

    /** {@code back-off} after the first failure, doubling with each, at most {@code max-back-off}. */
    Duration backOff(int failed) {
        Duration delay = backOff;
        for (int i = 1; i < failed && delay.compareTo(maxBackOff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackOff) > 0 ? maxBackOff : delay;
    }

    @QueryHandler
    PoisonedDueTransitions handle(FindPoisonedDueTransitionsQuery query) {
        return new PoisonedDueTransitions(schedule.poisonedCount(), schedule.poisoned(query.limit()));
    }

    @CommandHandler
    Integer handle(RetryPoisonedDueTransitionsCommand command) {
        int retried = schedule.retryPoisoned();
        poisonedCountReadAt = 0;
        log.info("{} poisoned members put back in the sweep's schedule", retried);
        return retried;
    }

    /** Read at most every few seconds, so that scrapes of several instances cost no scan each. */
    private double poisonedCount() {
        long now = System.nanoTime();
        if (poisonedCount.get() < 0 || now - poisonedCountReadAt > POISONED_COUNT_MAX_AGE.toNanos()) {
            try {
                poisonedCount.set(schedule.poisonedCount());
                poisonedCountReadAt = now;
            } catch (RuntimeException e) {
                log.debug("Could not count poisoned members", e);
            }
        }
        return poisonedCount.get();
    }

    /**
     * Failures that say nothing about the member: the database unreachable, a lock or statement timeout, a
     * serialization failure or deadlock, or another writer of the member appending first.
     */
    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    private static boolean transientState(String state) {
        return state != null
                && (state.startsWith("08") // connection
                        || state.startsWith("40") // serialization failure, deadlock
                        || state.startsWith("53") // insufficient resources
                        || state.equals("55P03") // lock timeout
                        || state.equals("57014") // statement timeout
                        || state.startsWith("57P")); // server shutting down
    }

    /** What failed, without the failure's message, which may quote personal data. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root != null && depth < 20; depth++) {
            if (root instanceof DomainException domain) {
                return domain.code().name();
            }
            if (root.getCause() == null || root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        String name = root == null ? "unknown" : root.getClass().getName();
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }
}
