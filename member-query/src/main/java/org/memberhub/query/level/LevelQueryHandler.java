package org.memberhub.query.level;

import static org.memberhub.query.jooq.Tables.LEVEL_HISTORY;
import static org.memberhub.query.jooq.Tables.MEMBER_LEVELS;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.memberhub.kernel.level.FindLevelHistoryQuery;
import org.memberhub.kernel.level.FindMemberLevelQuery;
import org.memberhub.kernel.level.LevelChange;
import org.memberhub.kernel.level.LevelHistoryPage;
import org.memberhub.kernel.level.ManualLevel;
import org.memberhub.kernel.level.ManualLevelMode;
import org.memberhub.kernel.level.MemberLevelView;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.query.cache.MemberRowSource;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.consistency.ReadYourWrites;
import org.memberhub.query.jooq.tables.records.MemberLevelsRecord;
import org.springframework.stereotype.Component;

@Component
class LevelQueryHandler {

    private final DSLContext dsl;
    private final ReadYourWrites readYourWrites;
    private final MemberViewCache<MemberLevelView> views;
    private final MemberRowSource<MemberLevelsRecord, MemberLevelView> levels;

    LevelQueryHandler(DSLContext dsl, ReadYourWrites readYourWrites, MemberViewCache<MemberLevelView> views) {
        this.dsl = dsl;
        this.readYourWrites = readYourWrites;
        this.views = views;
        this.levels = new MemberRowSource<>(
                dsl, MEMBER_LEVELS, MEMBER_LEVELS.MEMBER_ID, LevelQueryHandler::toView, MemberLevelView::memberId);
        views.fillFrom(levels);
    }

    /** From this instance's cache when it holds the member (new enough for the query's token), else the read model. */
    @QueryHandler
    Optional<MemberLevelView> handle(FindMemberLevelQuery query) {
        return views.find(query.memberId(), query.awaiting(), () -> {
            readYourWrites.await(query.memberId(), query.awaiting(), this::versionOf);
            return levels.find(query.memberId());
        });
    }

    private static MemberLevelView toView(MemberLevelsRecord row) {
        return new MemberLevelView(
                new MemberId(row.getMemberId()),
                row.getCurrentLevel(),
                new Money(row.getNetSpendFen()),
                row.getManualLevel() == null
                        ? null
                        : new ManualLevel(
                                row.getManualLevel(),
                                ManualLevelMode.valueOf(row.getManualMode()),
                                row.getManualUntil() == null
                                        ? null
                                        : row.getManualUntil().toInstant(),
                                row.getManualReason()),
                row.getVersion());
    }

    /** Newest first. */
    @QueryHandler
    LevelHistoryPage handle(FindLevelHistoryQuery query) {
        readYourWrites.await(query.memberId(), query.awaiting(), this::versionOf);
        var member = LEVEL_HISTORY.MEMBER_ID.eq(query.memberId().value());
        long total = dsl.fetchCount(LEVEL_HISTORY, member);
        var items = dsl.select(
                        LEVEL_HISTORY.SEQUENCE_NUMBER,
                        LEVEL_HISTORY.OCCURRED_AT.convertFrom(OffsetDateTime::toInstant),
                        LEVEL_HISTORY.KIND,
                        LEVEL_HISTORY.FROM_LEVEL.convertFrom(Short::intValue),
                        LEVEL_HISTORY.TO_LEVEL.convertFrom(Short::intValue),
                        LEVEL_HISTORY.NET_SPEND_FEN.convertFrom(Money::new),
                        LEVEL_HISTORY.REASON,
                        LEVEL_HISTORY.ACTOR)
                .from(LEVEL_HISTORY)
                .where(member)
                .orderBy(LEVEL_HISTORY.SEQUENCE_NUMBER.desc())
                .limit(query.size())
                .offset((long) query.page() * query.size())
                .fetch(Records.mapping(LevelChange::new));
        return new LevelHistoryPage(items, query.page(), query.size(), total);
    }

    private Optional<Long> versionOf(MemberId member) {
        return dsl.select(MEMBER_LEVELS.VERSION)
                .from(MEMBER_LEVELS)
                .where(MEMBER_LEVELS.MEMBER_ID.eq(member.value()))
                .fetchOptional(MEMBER_LEVELS.VERSION);
    }
}
