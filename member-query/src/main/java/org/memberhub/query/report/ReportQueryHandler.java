package org.memberhub.query.report;

import static org.memberhub.query.report.jooq.Tables.ACTIVITY_PARTICIPATION;
import static org.memberhub.query.report.jooq.Tables.BENEFITS;
import static org.memberhub.query.report.jooq.Tables.BENEFIT_USAGE_DAILY;
import static org.memberhub.query.report.jooq.Tables.LEVEL_MOVEMENTS_DAILY;
import static org.memberhub.query.report.jooq.Tables.MEMBERS;
import static org.memberhub.query.report.jooq.Tables.POINTS_DAILY;
import static org.memberhub.query.report.jooq.Tables.POINTS_DEBTS;
import static org.memberhub.query.report.jooq.Tables.POINTS_LOTS;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.report.FindReportQuery;
import org.memberhub.kernel.report.ReportTable;
import org.springframework.stereotype.Component;

/**
 * Answers the reports from the {@code reporting} schema. Figures that depend on today (tenure, expiring points) are
 * computed with the application's clock and time zone, so they agree with what the command side decides.
 */
@Component
class ReportQueryHandler {

    /** The longest range of days a daily report covers. */
    static final int MAX_DAYS = 3660;

    /** Tenure buckets: label and the first day of tenure after the bucket. */
    private static final List<Map.Entry<String, Integer>> TENURE = List.of(
            Map.entry("0-29 days", 30),
            Map.entry("30-89 days", 90),
            Map.entry("90-179 days", 180),
            Map.entry("180-364 days", 365),
            Map.entry("1 year", 730),
            Map.entry("2 years", 1095),
            Map.entry("3 years or more", Integer.MAX_VALUE));

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;

    ReportQueryHandler(DSLContext dsl, Clock clock, LoyaltyRules rules) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = rules.defaultTimeZone();
    }

    @QueryHandler
    ReportTable handle(FindReportQuery query) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate to = null;
        LocalDate from = null;
        if (query.report().daily()) {
            to = query.to() == null ? today : query.to();
            from = query.from() == null ? to.minusDays(29) : query.from();
            if (from.isAfter(to) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
                throw new DomainException(ErrorCode.INVALID_REPORT_RANGE, from, to, MAX_DAYS);
            }
        }
        Table table =
                switch (query.report()) {
                    case MEMBERS_BY_LEVEL_AND_STATUS -> membersByLevelAndStatus();
                    case NEW_MEMBERS_PER_DAY -> newMembersPerDay(from, to);
                    case TENURE_DISTRIBUTION -> tenure(today);
                    case POINTS_PER_DAY -> pointsPerDay(from, to);
                    case POINTS_LIABILITY -> liability();
                    case POINTS_EXPIRING -> expiring(now);
                    case BENEFIT_USAGE -> benefitUsage(from, to);
                    case ACTIVITY_PARTICIPATION -> activityParticipation();
                    case LEVEL_MOVEMENTS_PER_DAY -> levelMovements(from, to);
                };
        return new ReportTable(query.report().slug(), now, from, to, table.columns, table.rows);
    }

    private Table membersByLevelAndStatus() {
        var members = DSL.count().as("members");
        return Table.of(
                dsl.select(MEMBERS.MEMBER_LEVEL.as("level"), MEMBERS.STATUS.as("status"), members)
                        .from(MEMBERS)
                        .groupBy(MEMBERS.MEMBER_LEVEL, MEMBERS.STATUS)
                        .orderBy(MEMBERS.MEMBER_LEVEL, MEMBERS.STATUS)
                        .fetch(),
                "level",
                "status",
                "members");
    }

    private Table newMembersPerDay(LocalDate from, LocalDate to) {
        return Table.of(
                dsl.select(MEMBERS.JOINED_ON.as("day"), DSL.count().as("members"))
                        .from(MEMBERS)
                        .where(MEMBERS.JOINED_ON.between(from, to))
                        .groupBy(MEMBERS.JOINED_ON)
                        .orderBy(MEMBERS.JOINED_ON)
                        .fetch(),
                "day",
                "members");
    }

    /** Members not deleted, by whole days since the day they joined. */
    private Table tenure(LocalDate today) {
        long[] counts = new long[TENURE.size()];
        var joined = dsl.select(MEMBERS.JOINED_ON, DSL.count())
                .from(MEMBERS)
                .where(MEMBERS.STATUS.ne(MemberStatus.DELETED.name()))
                .groupBy(MEMBERS.JOINED_ON)
                .fetch();
        for (var row : joined) {
            long days = ChronoUnit.DAYS.between(row.value1(), today);
            for (int i = 0; i < TENURE.size(); i++) {
                if (days < TENURE.get(i).getValue()) {
                    counts[i] += row.value2();
                    break;
                }
            }
        }
        Table table = new Table(List.of("tenure", "members"));
        for (int i = 0; i < TENURE.size(); i++) {
            table.add(TENURE.get(i).getKey(), counts[i]);
        }
        return table;
    }

    private Table pointsPerDay(LocalDate from, LocalDate to) {
        return Table.of(
                dsl.select(
                                POINTS_DAILY.CALENDAR_DAY,
                                POINTS_DAILY.KIND,
                                POINTS_DAILY.REASON,
                                POINTS_DAILY.POINTS,
                                POINTS_DAILY.ENTRIES)
                        .from(POINTS_DAILY)
                        .where(POINTS_DAILY.CALENDAR_DAY.between(from, to))
                        .orderBy(POINTS_DAILY.CALENDAR_DAY, POINTS_DAILY.KIND, POINTS_DAILY.REASON)
                        .fetch(),
                "day",
                "kind",
                "reason",
                "points",
                "entries");
    }

    /** Points members hold (available and pending) less what they owe: what the programme may still have to honour. */
    private Table liability() {
        var lots = dsl.select(
                        DSL.coalesce(
                                DSL.sum(DSL.when(POINTS_LOTS.PENDING.isFalse(), POINTS_LOTS.REMAINING)),
                                BigDecimal.ZERO),
                        DSL.coalesce(
                                DSL.sum(DSL.when(POINTS_LOTS.PENDING.isTrue(), POINTS_LOTS.REMAINING)),
                                BigDecimal.ZERO))
                .from(POINTS_LOTS)
                .fetchSingle();
        long available = lots.value1().longValue();
        long pending = lots.value2().longValue();
        long debt = dsl.select(DSL.coalesce(DSL.sum(POINTS_DEBTS.DEBT), BigDecimal.ZERO))
                .from(POINTS_DEBTS)
                .fetchSingle()
                .value1()
                .longValue();
        Table table = new Table(List.of("available_points", "pending_points", "debt_points", "outstanding_points"));
        table.add(available, pending, debt, available + pending - debt);
        return table;
    }

    private Table expiring(Instant now) {
        Table table = new Table(List.of("within_days", "points", "lots", "members"));
        for (int days : new int[] {30, 90}) {
            var row = dsl.select(
                            DSL.coalesce(DSL.sum(POINTS_LOTS.REMAINING), BigDecimal.ZERO),
                            DSL.count(),
                            DSL.countDistinct(POINTS_LOTS.MEMBER_ID))
                    .from(POINTS_LOTS)
                    .where(POINTS_LOTS.REMAINING.gt(0L))
                    .and(POINTS_LOTS.EXPIRES_AT.lt(
                            now.plus(days, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)))
                    .fetchSingle();
            table.add(days, row.value1().longValue(), row.value2(), row.value3());
        }
        return table;
    }

    private Table benefitUsage(LocalDate from, LocalDate to) {
        return Table.of(
                dsl.select(
                                BENEFIT_USAGE_DAILY.CALENDAR_DAY,
                                BENEFIT_USAGE_DAILY.BENEFIT_ID,
                                BENEFITS.NAME_EN,
                                BENEFITS.BENEFIT_TYPE,
                                BENEFIT_USAGE_DAILY.MEMBER_LEVEL.as("level"),
                                BENEFIT_USAGE_DAILY.USES,
                                BENEFIT_USAGE_DAILY.BOUGHT,
                                BENEFIT_USAGE_DAILY.POINTS_PAID)
                        .from(BENEFIT_USAGE_DAILY)
                        .leftJoin(BENEFITS)
                        .on(BENEFITS.BENEFIT_ID.eq(BENEFIT_USAGE_DAILY.BENEFIT_ID))
                        .where(BENEFIT_USAGE_DAILY.CALENDAR_DAY.between(from, to))
                        .orderBy(
                                BENEFIT_USAGE_DAILY.CALENDAR_DAY,
                                BENEFIT_USAGE_DAILY.BENEFIT_ID,
                                BENEFIT_USAGE_DAILY.MEMBER_LEVEL)
                        .fetch(),
                "day",
                "benefit_id",
                "name_en",
                "benefit_type",
                "level",
                "uses",
                "bought",
                "points_paid");
    }

    private Table activityParticipation() {
        return Table.of(
                dsl.select(
                                ACTIVITY_PARTICIPATION.ACTIVITY_ID,
                                ACTIVITY_PARTICIPATION.NAME,
                                ACTIVITY_PARTICIPATION.STATUS,
                                ACTIVITY_PARTICIPATION.STARTS_AT,
                                ACTIVITY_PARTICIPATION.ENDS_AT,
                                ACTIVITY_PARTICIPATION.CAPACITY,
                                ACTIVITY_PARTICIPATION.PARTICIPANTS,
                                ACTIVITY_PARTICIPATION.REWARD_POINTS_ISSUED)
                        .from(ACTIVITY_PARTICIPATION)
                        .orderBy(ACTIVITY_PARTICIPATION.STARTS_AT, ACTIVITY_PARTICIPATION.ACTIVITY_ID)
                        .fetch(),
                "activity_id",
                "name",
                "status",
                "starts_at",
                "ends_at",
                "capacity",
                "participants",
                "reward_points_issued");
    }

    private Table levelMovements(LocalDate from, LocalDate to) {
        return Table.of(
                dsl.select(
                                LEVEL_MOVEMENTS_DAILY.CALENDAR_DAY,
                                LEVEL_MOVEMENTS_DAILY.KIND,
                                LEVEL_MOVEMENTS_DAILY.FROM_LEVEL,
                                LEVEL_MOVEMENTS_DAILY.TO_LEVEL,
                                LEVEL_MOVEMENTS_DAILY.MOVEMENTS)
                        .from(LEVEL_MOVEMENTS_DAILY)
                        .where(LEVEL_MOVEMENTS_DAILY.CALENDAR_DAY.between(from, to))
                        .orderBy(
                                LEVEL_MOVEMENTS_DAILY.CALENDAR_DAY,
                                LEVEL_MOVEMENTS_DAILY.KIND,
                                LEVEL_MOVEMENTS_DAILY.FROM_LEVEL,
                                LEVEL_MOVEMENTS_DAILY.TO_LEVEL)
                        .fetch(),
                "day",
                "kind",
                "from_level",
                "to_level",
                "movements");
    }

    /** Rows of named columns; numbers as longs, days as dates, instants as instants. */
    private record Table(List<String> columns, List<Map<String, Object>> rows) {

        Table(List<String> columns) {
            this(columns, new ArrayList<>());
        }

        static Table of(List<? extends Record> records, String... columns) {
            Table table = new Table(List.of(columns));
            for (Record record : records) {
                Object[] values = new Object[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    values[i] = record.get(i);
                }
                table.add(values);
            }
            return table;
        }

        void add(Object... values) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), normalize(values[i]));
            }
            rows.add(row);
        }

        private static Object normalize(Object value) {
            if (value instanceof Short || value instanceof Integer) {
                return ((Number) value).longValue();
            }
            if (value instanceof java.math.BigDecimal number) {
                return number.longValueExact();
            }
            if (value instanceof java.time.OffsetDateTime time) {
                return time.toInstant();
            }
            if (value instanceof java.util.UUID id) {
                return id.toString();
            }
            return value;
        }
    }
}
