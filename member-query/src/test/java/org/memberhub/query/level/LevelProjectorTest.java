package org.memberhub.query.level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.query.jooq.Tables.LEVEL_HISTORY;
import static org.memberhub.query.jooq.Tables.MEMBER_LEVELS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.level.AdjustmentEnd;
import org.memberhub.kernel.level.FindLevelHistoryQuery;
import org.memberhub.kernel.level.FindMemberLevelQuery;
import org.memberhub.kernel.level.LevelAdjustedEvent;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.LevelChange;
import org.memberhub.kernel.level.LevelDowngradedEvent;
import org.memberhub.kernel.level.LevelUpgradedEvent;
import org.memberhub.kernel.level.ManualLevel;
import org.memberhub.kernel.level.ManualLevelMode;
import org.memberhub.kernel.level.MemberLevelView;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.cache.ViewChanges;
import org.memberhub.query.config.QueryProperties;
import org.memberhub.query.consistency.ReadYourWrites;
import org.memberhub.query.testing.TestDatabase;

class LevelProjectorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    private static final MetaData STAFF = MetaData.from(Map.of("actorName", "bob.admin"));

    private static TestDatabase database;
    private static DSLContext dsl;

    private LevelProjector projector;
    private LevelQueryHandler queries;
    private MemberId member;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create().migrate("classpath:db/migration/query");
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void registeredMember() {
        dsl.truncate(MEMBER_LEVELS).execute();
        dsl.truncate(LEVEL_HISTORY).execute();
        MemberViewCache<MemberLevelView> views =
                new MemberViewCache<>("member-levels", MemberLevelView::version, 100, true);
        projector = new LevelProjector(dsl, new ViewChanges(dsl), views);
        queries = new LevelQueryHandler(
                dsl,
                new ReadYourWrites(
                        new QueryProperties(Duration.ofMillis(200), 100, 1, Duration.ZERO, 100, false, 1000),
                        new InMemoryEventStorageEngine()),
                views);
        member = MemberId.newId();
        MemberProfile profile = new MemberProfile(
                "Alice",
                "13800000001",
                null,
                Gender.UNDISCLOSED,
                null,
                MemberLocale.ZH_CN,
                null,
                null,
                List.of(),
                null,
                null);
        projector.on(new MemberRegisteredEvent(member, profile, 1), 0);
    }

    @Test
    void followsNetSpendAndLevelChanges() {
        projector.on(new PurchaseRecordedEvent(member, "o1", Money.ofYuan("600"), T0, Money.ofYuan("600")), 1);
        projector.on(new LevelUpgradedEvent(member, 1, 2, 2, Money.ofYuan("600"), "purchase o1"), T0, 3, STAFF);
        projector.on(new PurchaseRefundedEvent(member, "r1", "o1", Money.ofYuan("200"), Money.ofYuan("400")), 4);
        projector.on(new LevelDowngradedEvent(member, 2, 1, 1, Money.ofYuan("400"), "refund r1"), T0, 6, STAFF);

        MemberLevelView level =
                queries.handle(new FindMemberLevelQuery(member, null)).orElseThrow();
        assertThat(level.level()).isEqualTo(1);
        assertThat(level.netSpend()).isEqualTo(Money.ofYuan("400"));
        assertThat(level.manual()).isNull();
        assertThat(queries.handle(new FindLevelHistoryQuery(member, 0, 10, null))
                        .items())
                .extracting(LevelChange::kind, LevelChange::fromLevel, LevelChange::toLevel, LevelChange::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("DOWNGRADED", 2, 1, "refund r1"),
                        org.assertj.core.groups.Tuple.tuple("UPGRADED", 1, 2, "purchase o1"));
    }

    @Test
    void showsTheManualLevelUntilItEnds() {
        Instant until = T0.plus(Duration.ofDays(30));
        projector.on(new LevelAdjustedEvent(member, 4, ManualLevelMode.FLOOR, until, "partner", 1, 4, 1), T0, 1, STAFF);

        MemberLevelView adjusted =
                queries.handle(new FindMemberLevelQuery(member, null)).orElseThrow();
        assertThat(adjusted.level()).isEqualTo(4);
        assertThat(adjusted.manual()).isEqualTo(new ManualLevel(4, ManualLevelMode.FLOOR, until, "partner"));

        projector.on(
                new LevelAdjustmentEndedEvent(member, AdjustmentEnd.EXPIRED, null, until, 4, 1, 1),
                until,
                2,
                MetaData.emptyInstance());

        MemberLevelView ended =
                queries.handle(new FindMemberLevelQuery(member, null)).orElseThrow();
        assertThat(ended.level()).isEqualTo(1);
        assertThat(ended.manual()).isNull();
        List<LevelChange> history =
                queries.handle(new FindLevelHistoryQuery(member, 0, 10, null)).items();
        assertThat(history.get(0).kind()).isEqualTo("ADJUSTMENT_ENDED");
        assertThat(history.get(0).reason()).isEqualTo("manual level expired");
        assertThat(history.get(1).actor()).isEqualTo("bob.admin");
    }

    @Test
    void replayingEventsChangesNothing() {
        LevelUpgradedEvent upgraded = new LevelUpgradedEvent(member, 1, 3, 3, Money.ofYuan("2500"), "purchase o1");
        projector.on(upgraded, T0, 2, STAFF);
        projector.on(new LevelDowngradedEvent(member, 3, 2, 2, Money.ofYuan("700"), "refund"), T0, 3, STAFF);
        projector.on(upgraded, T0, 2, STAFF);

        assertThat(queries.handle(new FindMemberLevelQuery(member, null))
                        .orElseThrow()
                        .level())
                .isEqualTo(2);
        assertThat(queries.handle(new FindLevelHistoryQuery(member, 0, 10, null))
                        .total())
                .isEqualTo(2);
    }
}
