package org.memberhub.sync.external;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.sync.FindSyncRunDecisionsQuery;
import org.memberhub.kernel.sync.FindSyncRunQuery;
import org.memberhub.kernel.sync.FindSyncRunsQuery;
import org.memberhub.kernel.sync.FindSyncStatusQuery;
import org.memberhub.kernel.sync.StartSyncCommand;
import org.memberhub.kernel.sync.SyncMode;
import org.memberhub.kernel.sync.SyncRecordDecisionPage;
import org.memberhub.kernel.sync.SyncRunPage;
import org.memberhub.kernel.sync.SyncRunView;
import org.memberhub.kernel.sync.SyncStatus;
import org.springframework.beans.factory.DisposableBean;

/**
 * Starts sync runs, at most one at a time across all instances (a lease in {@code sync_state}), and answers for their
 * status and history. A run goes on in the background of the instance that started it, once the transaction that
 * took the lease has committed.
 */
class SyncService implements DisposableBean {

    static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    /** How many quarantined records the status lists. */
    static final int QUARANTINE_LISTED = 100;

    private final SyncRuns runs;
    private final RecordFailures failures;
    private final SyncRunner runner;
    private final SyncProperties properties;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(new AxonThreadFactory("member-sync"));

    SyncService(SyncRuns runs, RecordFailures failures, SyncRunner runner, SyncProperties properties, Clock clock) {
        this.runs = runs;
        this.failures = failures;
        this.runner = runner;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @throws DomainException {@link ErrorCode#SYNC_NOT_CONFIGURED} without an external system,
     *     {@link ErrorCode#SYNC_ALREADY_RUNNING} while a run holds the lease
     */
    @CommandHandler
    SyncRunView handle(StartSyncCommand command) {
        if (!properties.configured()) {
            throw new DomainException(ErrorCode.SYNC_NOT_CONFIGURED);
        }
        Instant now = clock.instant();
        Optional<Long> running = runs.tryLease(NODE, now, now.plus(properties.lease()));
        if (running.isPresent()) {
            throw new DomainException(ErrorCode.SYNC_ALREADY_RUNNING, running.get());
        }
        Instant watermark = command.mode() == SyncMode.FULL ? null : runs.watermark();
        // records stamped a little before others already read may reach the external API later: read them again
        Instant readFrom = watermark == null ? null : watermark.minus(properties.overlap());
        long runId = runs.start(command.trigger(), command.mode(), command.requestedBy(), now, readFrom, watermark);
        Runnable run = () -> runner.run(runId, command.mode(), readFrom, watermark);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> executor.execute(run));
        } else {
            executor.execute(run);
        }
        return runs.find(runId).orElseThrow();
    }

    @QueryHandler
    SyncStatus handle(FindSyncStatusQuery query) {
        return new SyncStatus(
                properties.configured(),
                properties.interval(),
                runs.watermark(),
                runs.running().orElse(null),
                runs.lastFinished().orElse(null),
                runs.lastSuccessEnd().orElse(null),
                failures.quarantinedCount(),
                failures.quarantined(QUARANTINE_LISTED));
    }

    @QueryHandler
    SyncRunPage handle(FindSyncRunsQuery query) {
        return new SyncRunPage(runs.page(query.page(), query.size()), query.page(), query.size(), runs.count());
    }

    @QueryHandler
    Optional<SyncRunView> handle(FindSyncRunQuery query) {
        return runs.find(query.runId());
    }

    @QueryHandler
    Optional<SyncRecordDecisionPage> handle(FindSyncRunDecisionsQuery query) {
        if (!runs.exists(query.runId())) {
            return Optional.empty();
        }
        return Optional.of(new SyncRecordDecisionPage(
                runs.decisions(query.runId(), query.outcome(), query.page(), query.size()),
                query.page(),
                query.size(),
                runs.countDecisions(query.runId(), query.outcome())));
    }

    /** Stops a run under way; it is recorded as failed, and the next run starts from its last good watermark. */
    @Override
    public void destroy() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
    }
}
