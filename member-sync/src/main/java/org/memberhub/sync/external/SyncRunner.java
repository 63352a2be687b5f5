package org.memberhub.sync.external;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.error.ErrorKind;
import org.memberhub.kernel.error.LogSafe;
import org.memberhub.kernel.member.DeleteMemberCommand;
import org.memberhub.kernel.member.FindMemberByExternalRefQuery;
import org.memberhub.kernel.member.FindMemberIdByExternalRefQuery;
import org.memberhub.kernel.member.FindMemberQuery;
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
import org.memberhub.kernel.sync.SyncOutcome;
import org.memberhub.kernel.sync.SyncRecordDecision;
import org.memberhub.kernel.sync.SyncRecordError;
import org.memberhub.kernel.sync.SyncRunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Carries out one sync run: reads the external records page by page and replays each difference as an ordinary
 * command with source {@code sync}. Conflicts go to the later change, decided by {@link SyncDecision} on what the sync
 * keeps per member ({@link MemberSyncStates}): the external version it last applied, and the member's last profile
 * edit here by anyone but the sync. Every decision is logged and stored, a page at a time, in {@code sync_run_decision}
 * (by external id and member id, never with personal data).
 * Progress and the watermark are saved after every page, so a run that fails leaves the next one to start from the
 * last record before which everything was applied or quarantined.
 */
class SyncRunner {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);
    private static final Pattern EXTERNAL_ID = Pattern.compile(ProfileRules.EXTERNAL_REF_PATTERN);
    private static final int EXTERNAL_ID_LENGTH = ProfileRules.EXTERNAL_REF_MAX_LENGTH;

    /** Connection lost, transaction rolled back (deadlock, serialization), resources short, cancelled, lock timeout. */
    private static final List<String> PASSING_SQL_STATES = List.of("08", "40", "53", "57", "55P03");

    /** What was done with one record, the member it concerned when known, and why (a short code). */
    private record Decided(SyncOutcome outcome, MemberId memberId, String reason) {
        Decided because(String why) {
            return new Decided(outcome, memberId, why);
        }
    }

    private final ExternalMemberClient client;
    private final SyncRuns runs;
    private final MemberSyncStates states;
    private final RecordFailures failures;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final SyncProperties properties;
    private final String node;

    SyncRunner(
            ExternalMemberClient client,
            SyncRuns runs,
            MemberSyncStates states,
            RecordFailures failures,
            CommandGateway commands,
            QueryGateway queries,
            Clock clock,
            MeterRegistry metrics,
            SyncProperties properties,
            String node) {
        this.client = client;
        this.runs = runs;
        this.states = states;
        this.failures = failures;
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
        this.metrics = metrics;
        this.properties = properties;
        this.node = node;
    }

    /**
     * @param readFrom the first external update time to read; null to read all
     * @param watermark where the watermark stands: the run moves it on, never back; null for a full run
     */
    void run(long runId, SyncMode mode, Instant readFrom, Instant watermark) {
        Map<SyncOutcome, Integer> counts = new EnumMap<>(SyncOutcome.class);
        long started = System.nanoTime();
        Instant cursorTime = readFrom;
        String cursorId = null;
        Instant good = watermark;
        boolean failedBefore = false;
        List<SyncRecordDecision> decisions = new ArrayList<>();
        int seq = 0;
        log.info("Sync run {} ({}) reads from {}", runId, mode, readFrom == null ? "the beginning" : readFrom);
        try {
            while (true) {
                ExternalMemberPage page = client.page(cursorTime, cursorId);
                for (ExternalMember record : page.items()) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new IllegalStateException("stopped with the instance");
                    }
                    Decided decided = apply(runId, mode, record);
                    SyncOutcome outcome = decided.outcome();
                    decisions.add(new SyncRecordDecision(
                            ++seq,
                            loggable(record.externalId()),
                            decided.memberId(),
                            outcome,
                            decided.reason(),
                            clock.instant()));
                    counts.merge(outcome, 1, Integer::sum);
                    metrics.counter(
                                    "memberhub.sync.records",
                                    "outcome",
                                    outcome.name().toLowerCase(Locale.ROOT))
                            .increment();
                    if (record.updatedAt() != null && record.externalId() != null) {
                        cursorTime = record.updatedAt();
                        cursorId = record.externalId();
                    }
                    // the watermark never passes a record that failed and is to be tried again: the next run reads it
                    failedBefore |= outcome == SyncOutcome.FAILED;
                    if (!failedBefore
                            && record.updatedAt() != null
                            && (good == null || record.updatedAt().isAfter(good))) {
                        good = record.updatedAt();
                    }
                }
                runs.recordDecisions(runId, decisions);
                decisions.clear();
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
            duration("succeeded", started);
            log.info("Sync run {} succeeded: {}; next run starts from {}", runId, counts(counts), good);
        } catch (RuntimeException failure) {
            String reason = LogSafe.text(NestedExceptionUtils.getMostSpecificCause(failure));
            try {
                runs.recordDecisions(runId, decisions);
            } catch (RuntimeException lost) {
                log.warn("Sync run {}: the decisions of its last page were not stored: {}", runId, lost.toString());
            }
            runs.finish(runId, SyncRunStatus.FAILED, clock.instant(), counts(counts), reason);
            metrics.counter("memberhub.sync.runs", "status", "failed").increment();
            duration("failed", started);
            log.error("Sync run {} failed after {}: {}; next run starts from {}", runId, counts(counts), reason, good);
        }
        pruneDecisions(runId);
    }

    /** Decisions are kept for {@code memberhub.sync.decision-retention}; a failure here costs the run nothing. */
    private void pruneDecisions(long runId) {
        try {
            int pruned = runs.pruneDecisions(clock.instant().minus(properties.decisionRetention()));
            if (pruned > 0) {
                log.info("Sync run {}: deleted {} record decisions of older runs", runId, pruned);
            }
        } catch (RuntimeException failed) {
            log.warn("Sync run {}: old record decisions not deleted: {}", runId, failed.toString());
        }
    }

    /** {@code memberhub.sync.duration{status}}: how long runs take, from their first page to their end. */
    private void duration(String status, long started) {
        Timer.builder("memberhub.sync.duration")
                .description("Duration of sync runs with the external member system")
                .tag("status", status)
                .register(metrics)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private Decided apply(long runId, SyncMode mode, ExternalMember record) {
        String externalId = loggable(record.externalId());
        if (record.externalId() == null
                || !EXTERNAL_ID.matcher(record.externalId()).matches()
                || record.externalId().length() > EXTERNAL_ID_LENGTH
                || record.updatedAt() == null) {
            // no retry can mend a record that cannot be identified or placed in time: set aside at once
            runs.recordError(
                    runId,
                    new SyncRecordError(externalId, ErrorCode.INVALID_PROFILE.name(), "externalId or updatedAt"));
            failures.failed(externalId, version(record), ErrorCode.INVALID_PROFILE.name(), runId, clock.instant(), 1);
            log.warn(
                    "Sync run {}: external record {} -> QUARANTINED: no usable externalId or updatedAt",
                    runId,
                    externalId);
            return new Decided(SyncOutcome.QUARANTINED, null, ErrorCode.INVALID_PROFILE.name());
        }
        Instant version = version(record);
        if (mode == SyncMode.INCREMENTAL && failures.quarantined(externalId, version)) {
            log.info("Sync run {}: external record {} -> QUARANTINED (skipped)", runId, externalId);
            return new Decided(SyncOutcome.QUARANTINED, null, "QUARANTINED_VERSION");
        }
        try {
            Decided outcome;
            try {
                outcome = decide(runId, record, version);
            } catch (DomainException raced) {
                if (raced.code() != ErrorCode.VERSION_MISMATCH && raced.code() != ErrorCode.CONCURRENT_MODIFICATION) {
                    throw raced;
                }
                outcome = decide(runId, record, version); // the member changed meanwhile: decide again
            }
            failures.succeeded(externalId, version);
            return outcome;
        } catch (DomainException refused) {
            return failed(
                    runId,
                    externalId,
                    version,
                    refused.code().name(),
                    refused.getMessage(), // never the personal data a refusal may name (DomainException)
                    passing(refused));
        } catch (RuntimeException error) {
            return failed(
                    runId,
                    externalId,
                    version,
                    "ERROR",
                    LogSafe.text(NestedExceptionUtils.getMostSpecificCause(error)),
                    passing(error));
        }
    }

    /**
     * A failed record holds the watermark back and is read again by the next run. A failure of the record itself (its
     * data refused, an unexpected error) counts towards its quarantine; a passing one (a race, the read model or the
     * database slow or away) does not.
     */
    private Decided failed(
            long runId, String externalId, Instant version, String code, String message, boolean passing) {
        runs.recordError(runId, new SyncRecordError(externalId, code, message));
        if (passing) {
            log.warn("Sync run {}: external record {} -> FAILED ({}), to be tried again", runId, externalId, code);
            return new Decided(SyncOutcome.FAILED, null, code);
        }
        boolean quarantined =
                failures.failed(externalId, version, code, runId, clock.instant(), properties.quarantineAfter());
        log.warn(
                "Sync run {}: external record {} -> {} ({})",
                runId,
                externalId,
                quarantined ? SyncOutcome.QUARANTINED : SyncOutcome.FAILED,
                code);
        return new Decided(quarantined ? SyncOutcome.QUARANTINED : SyncOutcome.FAILED, null, code);
    }

    private static boolean passing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException refused
                    && (refused.code().kind() == ErrorKind.UNAVAILABLE
                            || refused.code() == ErrorCode.VERSION_MISMATCH
                            || refused.code() == ErrorCode.CONCURRENT_MODIFICATION)) {
                return true;
            }
            if (cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SQLException sql
                            && sql.getSQLState() != null
                            && PASSING_SQL_STATES.stream().anyMatch(sql.getSQLState()::startsWith)) {
                return true;
            }
        }
        return false;
    }

    private Decided decide(long runId, ExternalMember record, Instant version) {
        Optional<MemberId> holder = queries.query(
                        new FindMemberIdByExternalRefQuery(record.externalId()),
                        ResponseTypes.optionalInstanceOf(MemberId.class))
                .join();
        return holder.isPresent()
                ? decideFor(runId, record, version, holder.get())
                : decideWithoutMember(runId, record, version);
    }

    /** A member holds the record's external reference. */
    private Decided decideFor(long runId, ExternalMember record, Instant version, MemberId memberId) {
        MemberSyncStates.State state = states.current(memberId);
        SyncDecision decision = SyncDecision.of(version, state.lastAppliedExternal(), state.lastLocalEdit());
        if (decision.skips()) {
            return logged(runId, record, memberId, decision, SyncOutcome.UNCHANGED);
        }
        // the read model as far as the events the decision looked at, so that the profile compared is the current one
        MemberView member = queries.query(
                        new FindMemberQuery(
                                memberId,
                                state.eventsReadTo() < 0 ? null : new ConsistencyToken(memberId, state.eventsReadTo())),
                        ResponseTypes.optionalInstanceOf(MemberView.class))
                .join()
                .filter(found -> found.status() != MemberStatus.DELETED)
                .orElseThrow(() -> new DomainException(ErrorCode.READ_MODEL_LAGGING, 0));
        if (record.deleted()) {
            if (decision == SyncDecision.KEEP_LOCAL) {
                return logged(runId, record, memberId, decision, SyncOutcome.CONFLICT_WON_LOCALLY);
            }
            send(
                    runId,
                    new DeleteMemberCommand(member.id(), "deleted in the external member system", member.version()));
            states.applied(memberId, version);
            return logged(
                    runId,
                    record,
                    memberId,
                    decision,
                    decision == SyncDecision.APPLY_OVER_LOCAL_EDIT
                            ? SyncOutcome.CONFLICT_WON_EXTERNALLY
                            : SyncOutcome.DELETED);
        }
        MemberProfile wanted = ProfileRules.normalize(merge(member.profile(), record), LocalDate.now(clock));
        if (wanted.equals(member.profile())) {
            states.applied(memberId, version);
            return logged(runId, record, memberId, decision, SyncOutcome.UNCHANGED)
                    .because("PROFILE_EQUAL");
        }
        if (decision == SyncDecision.KEEP_LOCAL) {
            return logged(runId, record, memberId, decision, SyncOutcome.CONFLICT_WON_LOCALLY);
        }
        send(runId, new UpdateMemberProfileCommand(member.id(), wanted, member.version()));
        states.applied(memberId, version);
        return logged(
                runId,
                record,
                memberId,
                decision,
                decision == SyncDecision.APPLY_OVER_LOCAL_EDIT
                        ? SyncOutcome.CONFLICT_WON_EXTERNALLY
                        : SyncOutcome.UPDATED);
    }

    /** No member holds the record's external reference: none ever did, or the one that did was deleted. */
    private Decided decideWithoutMember(long runId, ExternalMember record, Instant version) {
        if (record.deleted()) {
            return logged(runId, record, null, null, SyncOutcome.UNCHANGED);
        }
        Optional<MemberView> previous = queries.query(
                        new FindMemberByExternalRefQuery(record.externalId()),
                        ResponseTypes.optionalInstanceOf(MemberView.class))
                .join();
        if (previous.isPresent()) {
            MemberSyncStates.State state = states.current(previous.get().id());
            SyncDecision decision = SyncDecision.of(version, state.lastAppliedExternal(), state.lastLocalEdit());
            if (decision.skips()) {
                return logged(runId, record, previous.get().id(), decision, SyncOutcome.UNCHANGED);
            }
            if (decision == SyncDecision.KEEP_LOCAL) {
                // deleted here after the external change: it is not brought back
                return logged(runId, record, previous.get().id(), decision, SyncOutcome.CONFLICT_WON_LOCALLY);
            }
        }
        MemberId memberId = MemberId.newId();
        MemberProfile profile = ProfileRules.normalize(merge(null, record), LocalDate.now(clock));
        send(runId, new RegisterMemberCommand(memberId, profile));
        states.applied(memberId, version);
        return logged(runId, record, memberId, SyncDecision.APPLY, SyncOutcome.CREATED);
    }

    private static Decided logged(
            long runId, ExternalMember record, MemberId memberId, SyncDecision decision, SyncOutcome outcome) {
        log.info(
                "Sync run {}: external record {} (member {}) -> {} ({})",
                runId,
                record.externalId(),
                memberId == null ? "none" : memberId,
                outcome,
                decision == null ? "nothing to do" : decision);
        return new Decided(outcome, memberId, decision == null ? "NOTHING_TO_DO" : decision.name());
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

    private static SyncCounts counts(Map<SyncOutcome, Integer> counts) {
        return new SyncCounts(
                counts.getOrDefault(SyncOutcome.CREATED, 0),
                counts.getOrDefault(SyncOutcome.UPDATED, 0),
                counts.getOrDefault(SyncOutcome.DELETED, 0),
                counts.getOrDefault(SyncOutcome.UNCHANGED, 0),
                counts.getOrDefault(SyncOutcome.CONFLICT_WON_LOCALLY, 0),
                counts.getOrDefault(SyncOutcome.CONFLICT_WON_EXTERNALLY, 0),
                counts.getOrDefault(SyncOutcome.FAILED, 0),
                counts.getOrDefault(SyncOutcome.QUARANTINED, 0));
    }

    /** The record's version: its update time as the database keeps it, to the microsecond. */
    private static Instant version(ExternalMember record) {
        return record.updatedAt() == null ? null : record.updatedAt().truncatedTo(ChronoUnit.MICROS);
    }

    /** An external id fit for logs and the failure table: printable, bounded; {@code (none)} when absent. */
    private static String loggable(String externalId) {
        if (externalId == null) {
            return "(none)";
        }
        StringBuilder safe = new StringBuilder(Math.min(externalId.length(), EXTERNAL_ID_LENGTH));
        externalId
                .codePoints()
                .limit(EXTERNAL_ID_LENGTH)
                .forEach(c -> safe.append(c > 0x20 && c < 0x7f ? (char) c : '?'));
        return safe.toString();
    }
}
