package org.memberhub.query.integrity;

import static org.memberhub.query.jooq.Tables.LEVEL_HISTORY;
import static org.memberhub.query.jooq.Tables.MEMBERS;
import static org.memberhub.query.jooq.Tables.MEMBER_LEVELS;
import static org.memberhub.query.jooq.Tables.POINTS_BALANCES;
import static org.memberhub.query.jooq.Tables.POINTS_LEDGER;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.memberhub.kernel.audit.CheckConsistencyQuery;
import org.memberhub.kernel.audit.ConsistencyReport;
import org.memberhub.kernel.audit.ConsistencyReport.Drift;
import org.memberhub.kernel.level.LevelAdjustedEvent;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.LevelDowngradedEvent;
import org.memberhub.kernel.level.LevelUpgradedEvent;
import org.memberhub.kernel.member.MemberDeletedEvent;
import org.memberhub.kernel.member.MemberErasedEvent;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberFrozenEvent;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberUnfrozenEvent;
import org.memberhub.kernel.points.LedgerChange;
import org.memberhub.kernel.points.PointsAdjustedEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares the read models with the event store, member by member. Each read model row records the sequence number
 * of the last event it applied, so it is compared with what exactly those events give: a lagging projection is
 * reported as behind, never as drift. Reads every event once, streaming; holds a few numbers per member.
 */
@Component
public class ConsistencyCheck {

    private static final int LISTED_DRIFTS = 100;

    private final DSLContext dsl;
    private final EventStorageEngine events;
    private final Clock clock;
    private final TransactionTemplate snapshot;
    private final AtomicReference<ConsistencyReport> last = new AtomicReference<>();

    ConsistencyCheck(
            DSLContext dsl, EventStorageEngine events, Clock clock, PlatformTransactionManager transactionManager) {
        this.dsl = dsl;
        this.events = events;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        // its own transaction: a query handler runs in the query bus's, which reads committed data statement by
        // statement
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The report of the last run, or null before the first. */
    public ConsistencyReport lastReport() {
        return last.get();
    }

    @QueryHandler
    ConsistencyReport handle(CheckConsistencyQuery query) {
        return run();
    }

    /**
     * Compares every read model with the event store, all read in one snapshot of the database: the read models' rows
     * and versions and the events are then of one instant, so writes in flight can make a member look behind, never
     * drifted.
     */
    public ConsistencyReport run() {
        return snapshot.execute(status -> check());
    }

    private ConsistencyReport check() {
        Instant checkedAt = clock.instant();
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
                    expected(members, payload.memberId().value()).apply(event.getSequenceNumber(), payload);
                }
            });
        }

        List<Drift> drifts = new ArrayList<>();
        int[] driftCount = {0};
        int behind = 0;
        Map<UUID, Record> memberRows = rows(dsl.selectFrom(MEMBERS).fetch(), MEMBERS.ID);
        Map<UUID, Record> balanceRows = rows(dsl.selectFrom(POINTS_BALANCES).fetch(), POINTS_BALANCES.MEMBER_ID);
        Map<UUID, Record> levelRows = rows(dsl.selectFrom(MEMBER_LEVELS).fetch(), MEMBER_LEVELS.MEMBER_ID);
        Map<UUID, Record> ledgerRows = rows(
                dsl.select(
                                POINTS_LEDGER.MEMBER_ID,
                                DSL.count().as("entries"),
                                DSL.sum(POINTS_LEDGER.AVAILABLE_CHANGE).as("available"),
                                DSL.sum(POINTS_LEDGER.PENDING_CHANGE).as("pending"))
                        .from(POINTS_LEDGER)
                        .groupBy(POINTS_LEDGER.MEMBER_ID)
                        .fetch(),
                POINTS_LEDGER.MEMBER_ID);
        Map<UUID, Record> historyRows = rows(
                dsl.select(LEVEL_HISTORY.MEMBER_ID, DSL.count().as("entries"))
                        .from(LEVEL_HISTORY)
                        .groupBy(LEVEL_HISTORY.MEMBER_ID)
                        .fetch(),
                LEVEL_HISTORY.MEMBER_ID);

        for (Map.Entry<UUID, Expected> entry : members.entrySet()) {
            UUID id = entry.getKey();
            Expected expected = entry.getValue();
            Reporter report = (readModel, field, want, actual) -> {
                if (!Objects.equals(String.valueOf(want), String.valueOf(actual))) {
                    driftCount[0]++;
                    if (drifts.size() < LISTED_DRIFTS) {
                        drifts.add(new Drift(
                                id.toString(), readModel, field, String.valueOf(want), String.valueOf(actual)));
                    }
                }
            };
            if (expected.lastSequence < 0) {
                report.drift("event store", "events", "some", "none");
                continue;
            }
            if (expected.membersVersion < expected.lastSequence
                    || expected.pointsVersion < expected.lastSequence
                    || expected.levelsVersion < expected.lastSequence) {
                behind++;
            }
            Record member = memberRows.get(id);
            if (member == null) {
                report.drift("members", "row", "present", "missing");
            } else {
                report.drift("members", "status", expected.member.status, member.get(MEMBERS.STATUS));
                report.drift(
                        "members",
                        "level",
                        expected.member.level,
                        member.get(MEMBERS.MEMBER_LEVEL).intValue());
            }
            Record balance = balanceRows.get(id);
            if (balance == null) {
                report.drift("points_balances", "row", "present", "missing");
            } else {
                Points points = expected.points;
                report.drift("points_balances", "available", points.available, balance.get(POINTS_BALANCES.AVAILABLE));
                report.drift("points_balances", "pending", points.pending, balance.get(POINTS_BALANCES.PENDING));
                report.drift("points_balances", "debt", points.debt, balance.get(POINTS_BALANCES.DEBT));
                report.drift(
                        "points_balances",
                        "lifetime_earned",
                        points.earned,
                        balance.get(POINTS_BALANCES.LIFETIME_EARNED));
                report.drift(
                        "points_balances", "lifetime_spent", points.spent, balance.get(POINTS_BALANCES.LIFETIME_SPENT));
                report.drift(
                        "points_balances",
                        "lifetime_expired",
                        points.expired,
                        balance.get(POINTS_BALANCES.LIFETIME_EXPIRED));
                report.drift(
                        "points_balances",
                        "lifetime_reversed",
                        points.reversed,
                        balance.get(POINTS_BALANCES.LIFETIME_REVERSED));
                report.drift(
                        "points_balances",
                        "lifetime_adjusted",
                        points.adjusted,
                        balance.get(POINTS_BALANCES.LIFETIME_ADJUSTED));
            }
            Record ledger = ledgerRows.get(id);
            report.drift(
                    "points_ledger",
                    "entries",
                    expected.points.entries,
                    ledger == null ? 0 : ledger.get("entries", Integer.class));
            report.drift(
                    "points_ledger",
                    "sum of available changes",
                    expected.points.available,
                    ledger == null
                            ? 0
                            : ledger.get("available", BigDecimal.class).longValue());
            report.drift(
                    "points_ledger",
                    "sum of pending changes",
                    expected.points.pending,
                    ledger == null ? 0 : ledger.get("pending", BigDecimal.class).longValue());
            Record level = levelRows.get(id);
            if (level == null) {
                report.drift("member_levels", "row", "present", "missing");
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
            Record history = historyRows.get(id);
            report.drift(
                    "level_history",
                    "entries",
                    expected.levels.historyEntries,
                    history == null ? 0 : history.get("entries", Integer.class));
        }
        ConsistencyReport result =
                new ConsistencyReport(checkedAt, read[0], members.size(), behind, driftCount[0], List.copyOf(drifts));
        last.set(result);
        return result;
    }

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
            } else {
                Integer to = toLevel(event);
                if (to != null) {
                    level = to;
                }
            }
        }
    }

    private static final class Points {
        long available;
        long pending;
        long debt;
        long earned;
        long spent;
        long expired;
        long reversed;
        long adjusted;
        long entries;

        void apply(MemberEvent event) {
            LedgerChange.of(event).ifPresent(change -> {
                available += change.available();
                pending += change.pending();
                entries++;
            });
            if (event instanceof PointsEarnedEvent e) {
                earned += e.points();
                debt -= e.debtSettled();
            } else if (event instanceof PointsReleasedEvent e) {
                debt -= e.debtSettled();
            } else if (event instanceof PointsSpentEvent e) {
                spent += e.points();
            } else if (event instanceof PointsReversedEvent e) {
                reversed += e.points();
                debt += e.debtIncurred();
            } else if (event instanceof PointsExpiredEvent e) {
                expired += e.points();
            } else if (event instanceof PointsAdjustedEvent e) {
                adjusted += e.delta();
                debt -= e.debtSettled();
            }
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
            } else {
                Integer to = toLevel(event);
                if (to != null) {
                    level = to;
                    historyEntries++;
                }
            }
        }
    }

    private static Integer toLevel(MemberEvent event) {
        if (event instanceof LevelUpgradedEvent e) {
            return e.toLevel();
        }
        if (event instanceof LevelDowngradedEvent e) {
            return e.toLevel();
        }
        if (event instanceof LevelAdjustedEvent e) {
            return e.toLevel();
        }
        if (event instanceof LevelAdjustmentEndedEvent e) {
            return e.toLevel();
        }
        return null;
    }
}
