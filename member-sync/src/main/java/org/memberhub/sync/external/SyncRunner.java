package org.memberhub.sync.external;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.member.DeleteMemberCommand;
import org.memberhub.kernel.member.FindMemberByExternalRefQuery;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.kernel.member.ProfileRules;
import org.memberhub.kernel.member.RegisterMemberCommand;
import org.memberhub.kernel.member.UpdateMemberProfileCommand;
import org.memberhub.kernel.sync.SyncCounts;
import org.memberhub.kernel.sync.SyncMode;
import org.memberhub.kernel.sync.SyncRecordError;
import org.memberhub.kernel.sync.SyncRunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

/**
 * Carries out one sync run: reads the external records page by page and replays each difference as an ordinary
 * command with source {@code sync}. Conflicts go to the later change: the external record's update time against the
 * member's last change here. Every decision is logged (by external id and member id, never with personal data).
 * Progress and the watermark are saved after every page, so a run that fails leaves the next one to start from the
 * last record before which everything was applied.
 */
class SyncRunner {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    enum Outcome {
        CREATED,
        UPDATED,
        DELETED,
        UNCHANGED,
        CONFLICT_WON_LOCALLY,
        CONFLICT_WON_EXTERNALLY,
        FAILED
    }

    private final ExternalMemberClient client;
    private final SyncRuns runs;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final SyncProperties properties;
    private final String node;

    SyncRunner(
            ExternalMemberClient client,
            SyncRuns runs,
            CommandGateway commands,
            QueryGateway queries,
            Clock clock,
            MeterRegistry metrics,
            SyncProperties properties,
            String node) {
        this.client = client;
        this.runs = runs;
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
        this.metrics = metrics;
        this.properties = properties;
        this.node = node;
    }

    void run(long runId, SyncMode mode, Instant watermarkFrom, Instant lastSyncedAt) {
        Map<Outcome, Integer> counts = new HashMap<>();
        Instant cursorTime = mode == SyncMode.FULL ? null : watermarkFrom;
        String cursorId = null;
        Instant good = cursorTime;
        boolean failedBefore = false;
        log.info("Sync run {} ({}) starts from {}", runId, mode, cursorTime == null ? "the beginning" : cursorTime);
        try {
            while (true) {
                ExternalMemberPage page = client.page(cursorTime, cursorId);
                for (ExternalMember record : page.items()) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new IllegalStateException("stopped with the instance");
                    }
                    Outcome outcome = apply(runId, record, lastSyncedAt);
                    counts.merge(outcome, 1, Integer::sum);
                    metrics.counter(
                                    "memberhub.sync.records",
                                    "outcome",
                                    outcome.name().toLowerCase())
                            .increment();
                    cursorTime = record.updatedAt();
                    cursorId = record.externalId();
                    // the watermark never passes a record that failed: the next run reads it again
                    failedBefore |= outcome == Outcome.FAILED;
                    if (!failedBefore) {
                        good = record.updatedAt();
                    }
                }
                runs.progress(runId, counts(counts), good);
                if (!runs.renew(runId, node, clock.instant().plus(properties.lease()))) {
                    throw new IllegalStateException("lost its lease: another instance took over");
                }
                if (!page.hasMore() || page.items().isEmpty()) {
                    break;
                }
            }
            runs.finish(runId, SyncRunStatus.SUCCEEDED, clock.instant(), counts(counts), null);
            metrics.counter("memberhub.sync.runs", "status", "succeeded").increment();
            log.info("Sync run {} succeeded: {}; next run starts from {}", runId, counts(counts), good);
        } catch (RuntimeException failure) {
            String reason = NestedExceptionUtils.getMostSpecificCause(failure).toString();
            runs.finish(runId, SyncRunStatus.FAILED, clock.instant(), counts(counts), reason);
            metrics.counter("memberhub.sync.runs", "status", "failed").increment();
            log.error("Sync run {} failed after {}: {}; next run starts from {}", runId, counts(counts), reason, good);
        }
    }

    private Outcome apply(long runId, ExternalMember record, Instant lastSyncedAt) {
        String externalId = record.externalId();
        try {
            if (externalId == null
                    || !externalId.matches(ProfileRules.EXTERNAL_REF_PATTERN)
                    || record.updatedAt() == null) {
                throw new DomainException(ErrorCode.INVALID_PROFILE, "externalId or updatedAt");
            }
            Outcome outcome;
            try {
                outcome = decide(runId, record, lastSyncedAt);
            } catch (DomainException raced) {
                if (raced.code() != ErrorCode.VERSION_MISMATCH && raced.code() != ErrorCode.CONCURRENT_MODIFICATION) {
                    throw raced;
                }
                outcome = decide(runId, record, lastSyncedAt); // the member changed meanwhile: decide again
            }
            log.info("Sync run {}: external record {} -> {}", runId, externalId, outcome);
            return outcome;
        } catch (DomainException refused) {
            return failed(runId, externalId, refused.code().name(), refused.code() + " " + refused.arguments());
        } catch (RuntimeException error) {
            return failed(
                    runId,
                    externalId,
                    "ERROR",
                    NestedExceptionUtils.getMostSpecificCause(error).toString());
        }
    }

    private Outcome failed(long runId, String externalId, String code, String message) {
        String id = externalId == null ? "(none)" : externalId;
        runs.recordError(runId, new SyncRecordError(id, code, message));
        log.warn("Sync run {}: external record {} -> FAILED: {}", runId, id, message);
        return Outcome.FAILED;
    }

    private Outcome decide(long runId, ExternalMember record, Instant lastSyncedAt) {
        Optional<MemberView> found = queries.query(
                        new FindMemberByExternalRefQuery(record.externalId()),
                        ResponseTypes.optionalInstanceOf(MemberView.class))
                .join();
        boolean externalIsLater =
                found.isEmpty() || record.updatedAt().isAfter(found.get().updatedAt());
        if (record.deleted()) {
            if (found.isEmpty() || found.get().status() == MemberStatus.DELETED) {
                return Outcome.UNCHANGED;
            }
            MemberView member = found.get();
            if (!externalIsLater) {
                return Outcome.CONFLICT_WON_LOCALLY;
            }
            send(
                    runId,
                    new DeleteMemberCommand(member.id(), "deleted in the external member system", member.version()));
            return changedSince(member, lastSyncedAt) ? Outcome.CONFLICT_WON_EXTERNALLY : Outcome.DELETED;
        }
        if (found.isEmpty() || found.get().status() == MemberStatus.DELETED) {
            if (found.isPresent() && !externalIsLater) {
                return Outcome.CONFLICT_WON_LOCALLY;
            }
            MemberProfile profile = ProfileRules.normalize(merge(null, record), LocalDate.now(clock));
            send(runId, new RegisterMemberCommand(MemberId.newId(), profile));
            return Outcome.CREATED;
        }
        MemberView member = found.get();
        MemberProfile wanted = ProfileRules.normalize(merge(member.profile(), record), LocalDate.now(clock));
        if (wanted.equals(member.profile())) {
            return Outcome.UNCHANGED;
        }
        if (!externalIsLater) {
            return Outcome.CONFLICT_WON_LOCALLY;
        }
        send(runId, new UpdateMemberProfileCommand(member.id(), wanted, member.version()));
        return changedSince(member, lastSyncedAt) ? Outcome.CONFLICT_WON_EXTERNALLY : Outcome.UPDATED;
    }

    /** Whether the member changed here since the last successful run, so that both sides changed it. */
    private static boolean changedSince(MemberView member, Instant lastSyncedAt) {
        return lastSyncedAt != null && member.updatedAt().isAfter(lastSyncedAt);
    }

    /** The external system's fields over ours; notes, locale and time zone stay as they are here. */
    private static MemberProfile merge(MemberProfile local, ExternalMember record) {
        return new MemberProfile(
                record.name(),
                record.mobile(),
                record.email(),
                gender(record.gender()),
                record.birthday(),
                local == null ? MemberLocale.ZH_CN : local.locale(),
                record.address(),
                local == null ? null : local.notes(),
                record.tags() == null ? List.of() : record.tags(),
                record.externalId(),
                local == null ? null : local.timeZone());
    }

    private static Gender gender(String value) {
        if (value == null || value.isBlank()) {
            return Gender.UNDISCLOSED;
        }
        try {
            return Gender.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_PROFILE, "gender");
        }
    }

    private void send(long runId, Object command) {
        Map<String, Object> metadata = Map.of(
                AuditMetadata.SOURCE,
                AuditMetadata.SOURCE_SYNC,
                AuditMetadata.ACTOR_NAME,
                "sync",
                AuditMetadata.SYNC_RUN,
                String.valueOf(runId));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
    }

    private static SyncCounts counts(Map<Outcome, Integer> counts) {
        return new SyncCounts(
                counts.getOrDefault(Outcome.CREATED, 0),
                counts.getOrDefault(Outcome.UPDATED, 0),
                counts.getOrDefault(Outcome.DELETED, 0),
                counts.getOrDefault(Outcome.UNCHANGED, 0),
                counts.getOrDefault(Outcome.CONFLICT_WON_LOCALLY, 0),
                counts.getOrDefault(Outcome.CONFLICT_WON_EXTERNALLY, 0),
                counts.getOrDefault(Outcome.FAILED, 0));
    }
}
