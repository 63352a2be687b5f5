package org.memberhub.query.integrity;

import static org.memberhub.query.jooq.Tables.CONSISTENCY_CHECK_ROUND;
import static org.memberhub.query.jooq.Tables.LEVEL_HISTORY;
import static org.memberhub.query.jooq.Tables.MEMBERS;
import static org.memberhub.query.jooq.Tables.MEMBER_LEVELS;
import static org.memberhub.query.jooq.Tables.POINTS_BALANCES;
import static org.memberhub.query.jooq.Tables.POINTS_LEDGER;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.memberhub.kernel.audit.CheckConsistencyQuery;
import org.memberhub.kernel.audit.ConsistencyReport;
import org.memberhub.kernel.audit.ConsistencyReport.Drift;
import org.memberhub.kernel.level.LevelChangedEvent;
import org.memberhub.kernel.loyalty.TotalsChange;
import org.memberhub.kernel.member.MemberDeletedEvent;
import org.memberhub.kernel.member.MemberErasedEvent;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberFrozenEvent;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberUnfrozenEvent;
import org.memberhub.kernel.points.LedgerChange;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.memberhub.query.config.QueryProperties;
import org.memberhub.query.projection.Projections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares the read models with the event store, member by member. Each read model row records the sequence number
 * of the last event it applied, so it is compared with what exactly those events give: a lagging projection is
 * reported as behind, never as drift. Reads every event once, streaming; holds a few numbers per member.
 *
 * <p>Writes in flight never count as drift. The scan reads the read models and the events in one snapshot where the
 * database has one (PostgreSQL; H2's repeatable read takes each table's snapshot when it is first read), and a
 * member it finds differing is compared again on its own before it is reported: its three versions, its events, its
 * rows, and its versions again, until the versions did not move meanwhile, so that rows, versions and events are of
 * one consistent position of that member. A member that never holds still long enough counts as behind. A missing row
 * is drift only for a member whose events every projection had passed when the check began (their tracking tokens
 * are read first), otherwise the projection has not reached it yet.
 *
 * <p>The scheduled check runs on one instance at a time: a round is claimed in {@code consistency_check_round}
 * ({@link #runRound()}), where the last figures are also kept for every instance's metrics.
 */
@Component
public class ConsistencyCheck {

    private static final Logger log = LoggerFactory.getLogger(ConsistencyCheck.class);
    private static final int LISTED_DRIFTS = 100;
    /** Members found differing that are compared again on their own; beyond, the scan's findings are reported. */
    static final int MAX_CONFIRMED = 1_000;

    private static final int CONFIRM_ATTEMPTS = 5;
    /** The processing groups whose read models are compared. */
    private static final List<String> GROUPS = List.of("members", "points", "levels");

    private static final int ROUND = 1;
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    private final DSLContext dsl;
    private final EventStorageEngine events;
    private final Clock clock;
    private final Projections projections;
    private final Duration interval;
    private final TransactionTemplate snapshot;
    private final TransactionTemplate readCommitted;
    private final AtomicReference<ConsistencyReport> last = new AtomicReference<>();

    ConsistencyCheck(
            DSLContext dsl,
            EventStorageEngine events,
            Clock clock,
            PlatformTransactionManager transactionManager,
            Projections projections,
            QueryProperties properties) {
        this.dsl = dsl;
        this.events = events;
        this.clock = clock;
        this.projections = projections;
        this.interval = properties.consistencyCheckInterval();
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        // its own transaction: a query handler runs in the query bus's, which reads committed data statement by
        // statement
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readCommitted = new TransactionTemplate(transactionManager);
        this.readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.readCommitted.setReadOnly(true);
        this.readCommitted.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The report of this instance's last run, or null before the first. */
    public ConsistencyReport lastReport() {
        return last.get();
    }

    /** The figures of the last check of any instance, scheduled or requested; null before the first. */
    public Summary lastSummary() {
        Record3<OffsetDateTime, Integer, Integer> row = dsl.select(
                        CONSISTENCY_CHECK_ROUND.CHECKED_AT,
                        CONSISTENCY_CHECK_ROUND.DRIFT_COUNT,
                        CONSISTENCY_CHECK_ROUND.MEMBERS_BEHIND)
                .from(CONSISTENCY_CHECK_ROUND)
                .where(CONSISTENCY_CHECK_ROUND.ID.eq(ROUND))
                .fetchOne();
        if (row == null || row.value1() == null) {
            return null;
        }
        return new Summary(row.value1().toInstant(), row.value2(), row.value3());
    }

    /** The last check's figures: read model figures that differ, and members whose read models were behind. */
    public record Summary(Instant checkedAt, int driftCount, int membersBehind) {}

    @QueryHandler
    ConsistencyReport handle(CheckConsistencyQuery query) {
        return run();
    }

    /** Compares every read model with the event store now, on this instance, and records the figures. */
    public ConsistencyReport run() {
        ConsistencyReport report = check();
        record(report);
        return report;
    }

    /**
     * Runs the scheduled check if this instance can claim the round: the round's time has come and no other instance
     * holds it. Answers the report, or nothing when another instance has the round.
     */
    public Optional<ConsistencyReport> runRound() {
        Instant now = clock.instant();
        OffsetDateTime startedAt = utc(now);
        Duration lease = interval.isZero() ? Duration.ofHours(1) : interval.multipliedBy(2);
        int claimed = dsl.update(CONSISTENCY_CHECK_ROUND)
                .set(CONSISTENCY_CHECK_ROUND.NEXT_RUN_AT, utc(now.plus(interval)))
                .set(CONSISTENCY_CHECK_ROUND.LEASE_UNTIL, utc(now.plus(lease)))
                .set(CONSISTENCY_CHECK_ROUND.OWNER, NODE)
                .set(CONSISTENCY_CHECK_ROUND.STARTED_AT, startedAt)
                .where(CONSISTENCY_CHECK_ROUND.ID.eq(ROUND))
                .and(CONSISTENCY_CHECK_ROUND.NEXT_RUN_AT.le(startedAt))
                .and(CONSISTENCY_CHECK_ROUND.LEASE_UNTIL.isNull().or(CONSISTENCY_CHECK_ROUND.LEASE_UNTIL.le(startedAt)))
                .execute();
        if (claimed == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(run());
        } finally {
            dsl.update(CONSISTENCY_CHECK_ROUND)
                    .setNull(CONSISTENCY_CHECK_ROUND.LEASE_UNTIL)
                    .where(CONSISTENCY_CHECK_ROUND.ID.eq(ROUND))
                    .and(CONSISTENCY_CHECK_ROUND.OWNER.eq(NODE))
                    .and(CONSISTENCY_CHECK_ROUND.STARTED_AT.eq(startedAt))
                    .execute();
        }
    }

    private void record(ConsistencyReport report) {
        last.set(report);
        try {
            dsl.update(CONSISTENCY_CHECK_ROUND)
                    .set(CONSISTENCY_CHECK_ROUND.CHECKED_AT, utc(report.checkedAt()))
                    .set(CONSISTENCY_CHECK_ROUND.DRIFT_COUNT, report.driftCount())
                    .set(CONSISTENCY_CHECK_ROUND.MEMBERS_BEHIND, report.membersBehind())
                    .where(CONSISTENCY_CHECK_ROUND.ID.eq(ROUND))
                    .and(CONSISTENCY_CHECK_ROUND
                            .CHECKED_AT
                            .isNull()
                            .or(CONSISTENCY_CHECK_ROUND.CHECKED_AT.le(utc(report.checkedAt()))))
                    .execute();
        } catch (RuntimeException e) {
            log.warn("Could not record the consistency check's figures", e);
        }
    }

    private ConsistencyReport check() {
        Instant checkedAt = clock.instant();
        // before anything else: every event it covers was in the read models before they are read
        TrackingToken passed = projections.passedByAll(GROUPS);
        Scan scan = snapshot.execute(status -> scan(passed));

        List<Drift> drifts = new ArrayList<>();
        int driftCount = 0;
        int behind = scan.behind;
        int confirmed = 0;
        for (Map.Entry<UUID, Finding> entry : scan.differing.entrySet()) {
            Finding finding = entry.getValue();
            List<Drift> found = finding.drifts;
            if (confirmed < MAX_CONFIRMED) {
                confirmed++;
                found = confirm(entry.getKey(), finding.covered);
                if (found == null) {
                    if (!finding.behind) {
                        behind++;
                    }
                    continue;
                }
            }
            driftCount += found.size();
            for (Drift drift : found) {
                if (drifts.size() < LISTED_DRIFTS) {
                    drifts.add(drift);
                }
            }
        }
        return new ConsistencyReport(checkedAt, scan.eventsRead, scan.members, behind, driftCount, List.copyOf(drifts));
    }

    /** Every member: the read models' versions, then every event, then the rows, all in one snapshot. */
    private Scan scan(TrackingToken passed) {
        Map<UUID, Expected> members = new HashMap<>();
        dsl.select(MEMBERS.ID, MEMBERS.VERSION)
                .from(MEMBERS)
                .forEach(row -> expected(members, row.value1()).membersVersion = row.value2());
        dsl.select(POINTS_BALANCES.MEMBER_ID, POINTS_BALANCES.VERSION)
                .from(POINTS_BALANCES)
                .forEach(row -> expected(members, row.value1()).pointsVersion = row.value2());
        dsl.select(MEMBER_LEVELS.MEMBER_ID, MEMBER_LEVELS.VERSION)
                .from(MEMBER_LEVELS)
                .forEach(row -> expected(members, row.value1()).levelsVersion = row.value2());

        long[] read = {0};
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(null, false)) {
            stream.forEach(message -> {
                read[0]++;
                if (message instanceof DomainEventMessage<?> event
                        && event.getPayload() instanceof MemberEvent payload) {
                    Expected expected = expected(members, payload.memberId().value());
                    expected.apply(event.getSequenceNumber(), payload);
                    if (passed == null || !passed.covers(message.trackingToken())) {
                        expected.covered = false;
                    }
                }
            });
        }

        Rows rows = rows(null);
        Scan scan = new Scan(read[0], members.size());
        for (Map.Entry<UUID, Expected> entry : members.entrySet()) {
            Expected expected = entry.getValue();
            Finding finding = compare(entry.getKey(), expected, expected.covered, rows);
            if (finding.behind) {
                scan.behind++;
            }
            if (!finding.drifts.isEmpty()) {
                scan.differing.put(entry.getKey(), finding);
            }
        }
        return scan;
    }

    /**
     * One member compared again on its own, reading committed data statement by statement: versions, events, rows,
     * versions. Answers its drifts once the versions held still while the rest was read, or null when they never did
     * (writes in flight: the member is behind, not drifted).
     */
    private List<Drift> confirm(UUID id, boolean covered) {
        for (int attempt = 0; attempt < CONFIRM_ATTEMPTS; attempt++) {
            List<Drift> drifts = readCommitted.execute(status -> {
                Record3<Long, Long, Long> before = versions(id);
                Expected expected = new Expected();
                expected.membersVersion = orNone(before.value1());
                expected.pointsVersion = orNone(before.value2());
                expected.levelsVersion = orNone(before.value3());
                DomainEventStream stream = events.readEvents(id.toString());
                while (stream.hasNext()) {
                    DomainEventMessage<?> event = stream.next();
                    if (event.getPayload() instanceof MemberEvent payload) {
                        expected.apply(event.getSequenceNumber(), payload);
                    }
                }
                Rows rows = rows(id);
                if (!before.equals(versions(id))) {
                    return null;
                }
                return compare(id, expected, covered, rows).drifts;
            });
            if (drifts != null) {
                return drifts;
            }
        }
        return null;
    }

    private Record3<Long, Long, Long> versions(UUID id) {
        return dsl.select(
                        DSL.field(DSL.select(MEMBERS.VERSION).from(MEMBERS).where(MEMBERS.ID.eq(id))),
                        DSL.field(DSL.select(POINTS_BALANCES.VERSION)
                                .from(POINTS_BALANCES)
                                .where(POINTS_BALANCES.MEMBER_ID.eq(id))),
                        DSL.field(DSL.select(MEMBER_LEVELS.VERSION)
                                .from(MEMBER_LEVELS)
                                .where(MEMBER_LEVELS.MEMBER_ID.eq(id))))
                .fetchSingle();
    }

    private static long orNone(Long version) {
        return version == null ? -1 : version;
    }

    /** The rows compared, of every member or of one. */
    private Rows rows(UUID only) {
        return new Rows(
                rows(
                        dsl.selectFrom(MEMBERS)
                                .where(only == null ? DSL.noCondition() : MEMBERS.ID.eq(only))
                                .fetch(),
                        MEMBERS.ID),
                rows(
                        dsl.selectFrom(POINTS_BALANCES)
                                .where(only == null ? DSL.noCondition() : POINTS_BALANCES.MEMBER_ID.eq(only))
                                .fetch(),
                        POINTS_BALANCES.MEMBER_ID),
                rows(
                        dsl.select(
                                        POINTS_LEDGER.MEMBER_ID,
                                        DSL.count().as("entries"),
                                        DSL.sum(POINTS_LEDGER.AVAILABLE_CHANGE).as("available"),
                                        DSL.sum(POINTS_LEDGER.PENDING_CHANGE).as("pending"))
                                .from(POINTS_LEDGER)
                                .where(only == null ? DSL.noCondition() : POINTS_LEDGER.MEMBER_ID.eq(only))
                                .groupBy(POINTS_LEDGER.MEMBER_ID)
                                .fetch(),
                        POINTS_LEDGER.MEMBER_ID),
                rows(
                        dsl.selectFrom(MEMBER_LEVELS)
                                .where(only == null ? DSL.noCondition() : MEMBER_LEVELS.MEMBER_ID.eq(only))
                                .fetch(),
                        MEMBER_LEVELS.MEMBER_ID),
                rows(
                        dsl.select(LEVEL_HISTORY.MEMBER_ID, DSL.count().as("entries"))
                                .from(LEVEL_HISTORY)
                                .where(only == null ? DSL.noCondition() : LEVEL_HISTORY.MEMBER_ID.eq(only))
                                .groupBy(LEVEL_HISTORY.MEMBER_ID)
                                .fetch(),
                        LEVEL_HISTORY.MEMBER_ID));
    }

    /**
     * The member's rows against what the events they say they applied give. A missing row is drift only when every
     * projection had passed all the member's events ({@code covered}); otherwise the member is behind.
     */
    private static Finding compare(UUID id, Expected expected, boolean covered, Rows rows) {
        Finding finding = new Finding(covered);
        Reporter report = (readModel, field, want, actual) -> {
            if (!Objects.equals(String.valueOf(want), String.valueOf(actual))) {
                finding.drifts.add(
                        new Drift(id.toString(), readModel, field, String.valueOf(want), String.valueOf(actual)));
            }
        };
        if (expected.lastSequence < 0) {
            report.drift("event store", "events", "some", "none");
            return finding;
        }
        if (expected.membersVersion < expected.lastSequence
                || expected.pointsVersion < expected.lastSequence
                || expected.levelsVersion < expected.lastSequence) {
            finding.behind = true;
        }
        Reporter rowMissing = (readModel, field, want, actual) -> {
            if (covered) {
                report.drift(readModel, field, want, actual);
            } else {
                finding.behind = true;
            }
        };
        Record member = rows.members.get(id);
        if (member == null) {
            rowMissing.drift("members", "row", "present", "missing");
        } else {
            report.drift("members", "status", expected.member.status, member.get(MEMBERS.STATUS));
            report.drift(
                    "members",
                    "level",
                    expected.member.level,
                    member.get(MEMBERS.MEMBER_LEVEL).intValue());
        }
        Record balance = rows.balances.get(id);
        if (balance == null) {
            rowMissing.drift("points_balances", "row", "present", "missing");
        } else {
            Points points = expected.points;
            report.drift("points_balances", "available", points.available, balance.get(POINTS_BALANCES.AVAILABLE));
            report.drift("points_balances", "pending", points.pending, balance.get(POINTS_BALANCES.PENDING));
            report.drift("points_balances", "debt", points.totals.debt(), balance.get(POINTS_BALANCES.DEBT));
            report.drift(
                    "points_balances",
                    "lifetime_earned",
                    points.totals.earned(),
                    balance.get(POINTS_BALANCES.LIFETIME_EARNED));
            report.drift(
                    "points_balances",
                    "lifetime_spent",
                    points.totals.spent(),
                    balance.get(POINTS_BALANCES.LIFETIME_SPENT));
            report.drift(
                    "points_balances",
                    "lifetime_expired",
                    points.totals.expired(),
                    balance.get(POINTS_BALANCES.LIFETIME_EXPIRED));
            report.drift(
                    "points_balances",
                    "lifetime_reversed",
                    points.totals.reversed(),
                    balance.get(POINTS_BALANCES.LIFETIME_REVERSED));
            report.drift(
                    "points_balances",
                    "lifetime_adjusted",
                    points.totals.adjusted(),
                    balance.get(POINTS_BALANCES.LIFETIME_ADJUSTED));
        }
        Record ledger = rows.ledger.get(id);
        report.drift(
                "points_ledger",
                "entries",
                expected.points.entries,
                ledger == null ? 0 : ledger.get("entries", Integer.class));
        report.drift(
                "points_ledger",
                "sum of available changes",
                expected.points.available,
                ledger == null ? 0 : ledger.get("available", BigDecimal.class).longValue());
        report.drift(
                "points_ledger",
                "sum of pending changes",
                expected.points.pending,
                ledger == null ? 0 : ledger.get("pending", BigDecimal.class).longValue());
        Record level = rows.levels.get(id);
        if (level == null) {
            rowMissing.drift("member_levels", "row", "present", "missing");
        } else {
            report.drift(
                    "member_levels",
                    "current_level",
                    expected.levels.level,
                    level.get(MEMBER_LEVELS.CURRENT_LEVEL).intValue());
            report.drift(
                    "member_levels",
                    "net_spend_fen",
                    expected.levels.netSpendFen,
                    level.get(MEMBER_LEVELS.NET_SPEND_FEN));
        }
        Record history = rows.history.get(id);
        report.drift(
                "level_history",
                "entries",
                expected.levels.historyEntries,
                history == null ? 0 : history.get("entries", Integer.class));
        return finding;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** What the scan found: members whose figures differ (to be confirmed), and counts. */
    private static final class Scan {
        final long eventsRead;
        final int members;
        int behind;
        final Map<UUID, Finding> differing = new LinkedHashMap<>();

        Scan(long eventsRead, int members) {
            this.eventsRead = eventsRead;
            this.members = members;
        }
    }

    /** One member's drifts, and whether it was behind. */
    private static final class Finding {
        final boolean covered;
        final List<Drift> drifts = new ArrayList<>();
        boolean behind;

        Finding(boolean covered) {
            this.covered = covered;
        }
    }

    private record Rows(
            Map<UUID, Record> members,
            Map<UUID, Record> balances,
            Map<UUID, Record> ledger,
            Map<UUID, Record> levels,
            Map<UUID, Record> history) {}

    private static Expected expected(Map<UUID, Expected> members, UUID id) {
        return members.computeIfAbsent(id, ignored -> new Expected());
    }

    private static Map<UUID, Record> rows(List<? extends Record> records, org.jooq.Field<UUID> key) {
        Map<UUID, Record> rows = new HashMap<>();
        for (Record record : records) {
            rows.put(record.get(key), record);
        }
        return rows;
    }

    @FunctionalInterface
    private interface Reporter {
        void drift(String readModel, String field, Object expected, Object actual);
    }

    /** What each read model should hold for one member, given the events it says it has applied. */
    private static final class Expected {
        long lastSequence = -1;
        boolean covered = true;
        long membersVersion = -1;
        long pointsVersion = -1;
        long levelsVersion = -1;
        final MemberFigures member = new MemberFigures();
        final Points points = new Points();
        final Levels levels = new Levels();

        void apply(long sequence, MemberEvent event) {
            lastSequence = Math.max(lastSequence, sequence);
            if (sequence <= membersVersion) {
                member.apply(event);
            }
            if (sequence <= pointsVersion) {
                points.apply(event);
            }
            if (sequence <= levelsVersion) {
                levels.apply(event);
            }
        }
    }

    private static final class MemberFigures {
        String status;
        int level;

        void apply(MemberEvent event) {
            if (event instanceof MemberRegisteredEvent registered) {
                status = MemberStatus.ACTIVE.name();
                level = registered.level();
            } else if (event instanceof MemberFrozenEvent) {
                status = MemberStatus.FROZEN.name();
            } else if (event instanceof MemberUnfrozenEvent) {
                status = MemberStatus.ACTIVE.name();
            } else if (event instanceof MemberDeletedEvent || event instanceof MemberErasedEvent) {
                status = MemberStatus.DELETED.name();
            } else if (event instanceof LevelChangedEvent changed) {
                level = changed.toLevel();
            }
        }
    }

    private static final class Points {
        long available;
        long pending;
        TotalsChange totals = TotalsChange.NONE;
        long entries;

        void apply(MemberEvent event) {
            LedgerChange.of(event).ifPresent(change -> {
                available += change.available();
                pending += change.pending();
                entries++;
            });
            totals = totals.plus(TotalsChange.of(event));
        }
    }

    private static final class Levels {
        int level = 1;
        long netSpendFen;
        long historyEntries;

        void apply(MemberEvent event) {
            if (event instanceof MemberRegisteredEvent registered) {
                level = registered.level();
            } else if (event instanceof PurchaseRecordedEvent e) {
                netSpendFen = e.netSpendAfter().fen();
            } else if (event instanceof PurchaseRefundedEvent e) {
                netSpendFen = e.netSpendAfter().fen();
            } else if (event instanceof LevelChangedEvent changed) {
                level = changed.toLevel();
                historyEntries++;
            }
        }
    }
}
