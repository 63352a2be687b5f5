package org.memberhub.query.points;

import static org.memberhub.query.jooq.Tables.POINTS_BALANCES;
import static org.memberhub.query.jooq.Tables.POINTS_LEDGER;
import static org.memberhub.query.jooq.Tables.POINTS_LOTS;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.memberhub.kernel.loyalty.PointsBalance;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.FindPointsLedgerQuery;
import org.memberhub.kernel.points.FindPointsLotsQuery;
import org.memberhub.kernel.points.FindPointsQuery;
import org.memberhub.kernel.points.LedgerEntry;
import org.memberhub.kernel.points.LedgerPage;
import org.memberhub.kernel.points.LotList;
import org.memberhub.kernel.points.LotView;
import org.memberhub.kernel.points.PointsView;
import org.memberhub.query.cache.MemberRowSource;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.consistency.ReadYourWrites;
import org.memberhub.query.jooq.tables.records.PointsBalancesRecord;
import org.springframework.stereotype.Component;

@Component
class PointsQueryHandler {

    private final DSLContext dsl;
    private final ReadYourWrites readYourWrites;
    private final MemberViewCache<PointsView> views;
    private final MemberRowSource<PointsBalancesRecord, PointsView> balances;

    PointsQueryHandler(DSLContext dsl, ReadYourWrites readYourWrites, MemberViewCache<PointsView> views) {
        this.dsl = dsl;
        this.readYourWrites = readYourWrites;
        this.views = views;
        this.balances = new MemberRowSource<>(
                dsl, POINTS_BALANCES, POINTS_BALANCES.MEMBER_ID, PointsQueryHandler::toView, PointsView::memberId);
        views.fillFrom(balances);
    }

    /** From this instance's cache when it holds the member (new enough for the query's token), else the read model. */
    @QueryHandler
    Optional<PointsView> handle(FindPointsQuery query) {
        return views.find(query.memberId(), query.awaiting(), () -> {
            readYourWrites.await(query.memberId(), query.awaiting(), this::versionOf);
            return balances.find(query.memberId());
        });
    }

    private static PointsView toView(PointsBalancesRecord row) {
        return new PointsView(
                new MemberId(row.getMemberId()),
                new PointsBalance(
                        row.getAvailable(),
                        row.getPending(),
                        row.getDebt(),
                        row.getLifetimeEarned(),
                        row.getLifetimeSpent(),
                        row.getLifetimeExpired(),
                        row.getLifetimeReversed(),
                        row.getLifetimeAdjusted()),
                row.getVersion());
    }

    /** Newest first. */
    @QueryHandler
    LedgerPage handle(FindPointsLedgerQuery query) {
        readYourWrites.await(query.memberId(), query.awaiting(), this::versionOf);
        var member = POINTS_LEDGER.MEMBER_ID.eq(query.memberId().value());
        long total = dsl.fetchCount(POINTS_LEDGER, member);
        var items = dsl.select(
                        POINTS_LEDGER.SEQUENCE_NUMBER,
                        POINTS_LEDGER.OCCURRED_AT.convertFrom(OffsetDateTime::toInstant),
                        POINTS_LEDGER.ENTRY_TYPE,
                        POINTS_LEDGER.SOURCE,
                        POINTS_LEDGER.REFERENCE,
                        POINTS_LEDGER.AVAILABLE_CHANGE,
                        POINTS_LEDGER.PENDING_CHANGE,
                        POINTS_LEDGER.LOT_NO,
                        POINTS_LEDGER.REASON,
                        POINTS_LEDGER.ACTOR,
                        POINTS_LEDGER.CHANNEL,
                        POINTS_LEDGER.CORRELATION_ID)
                .from(POINTS_LEDGER)
                .where(member)
                .orderBy(POINTS_LEDGER.SEQUENCE_NUMBER.desc())
                .limit(query.size())
                .offset((long) query.page() * query.size())
                .fetch(Records.mapping(LedgerEntry::new));
        return new LedgerPage(items, query.page(), query.size(), total);
    }

    /** The open lots, the first to expire first (the order in which they are spent). */
    @QueryHandler
    LotList handle(FindPointsLotsQuery query) {
        readYourWrites.await(query.memberId(), query.awaiting(), this::versionOf);
        return new LotList(dsl.select(
                        POINTS_LOTS.LOT_NO,
                        POINTS_LOTS.SOURCE.convertFrom(PointsSource::valueOf),
                        POINTS_LOTS.REFERENCE,
                        POINTS_LOTS.POINTS,
                        POINTS_LOTS.REMAINING,
                        POINTS_LOTS.PENDING,
                        POINTS_LOTS.EARNED_AT.convertFrom(OffsetDateTime::toInstant),
                        POINTS_LOTS.RELEASE_AT.convertFrom(at -> at == null ? null : at.toInstant()),
                        POINTS_LOTS.EXPIRES_AT.convertFrom(OffsetDateTime::toInstant))
                .from(POINTS_LOTS)
                .where(POINTS_LOTS.MEMBER_ID.eq(query.memberId().value()))
                .and(POINTS_LOTS.REMAINING.gt(0L))
                .orderBy(POINTS_LOTS.EXPIRES_AT, POINTS_LOTS.LOT_NO)
                .fetch(Records.mapping(LotView::new)));
    }

    private Optional<Long> versionOf(MemberId member) {
        return dsl.select(POINTS_BALANCES.VERSION)
                .from(POINTS_BALANCES)
                .where(POINTS_BALANCES.MEMBER_ID.eq(member.value()))
                .fetchOptional(POINTS_BALANCES.VERSION);
    }
}
