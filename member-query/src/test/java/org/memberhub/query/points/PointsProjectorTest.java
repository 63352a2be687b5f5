package org.memberhub.query.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.query.jooq.Tables.POINTS_BALANCES;
import static org.memberhub.query.jooq.Tables.POINTS_LEDGER;
import static org.memberhub.query.jooq.Tables.POINTS_LOTS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.loyalty.PointsBalance;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.loyalty.ReturnedLot;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.points.FindPointsLedgerQuery;
import org.memberhub.kernel.points.FindPointsLotsQuery;
import org.memberhub.kernel.points.FindPointsQuery;
import org.memberhub.kernel.points.LedgerEntry;
import org.memberhub.kernel.points.LedgerPage;
import org.memberhub.kernel.points.LotView;
import org.memberhub.kernel.points.PointsAdjustedEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.PointsView;
import org.memberhub.kernel.points.SpendPurpose;
import org.memberhub.kernel.points.SpentPointsReturnedEvent;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.cache.ViewChanges;
import org.memberhub.query.config.QueryProperties;
import org.memberhub.query.consistency.ReadYourWrites;
import org.memberhub.query.testing.TestDatabase;

/** Calls the points projector's handlers, then its query handler, against the read schema on PostgreSQL. */
class PointsProjectorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    private static final Instant EXPIRY = T0.plus(Duration.ofDays(730));
    private static final MetaData API =
            MetaData.from(Map.of("source", "api", "actorName", "alice.staff", "correlationId", "c-1"));

    private static TestDatabase database;
    private static DSLContext dsl;

    private MemberViewCache<PointsView> views;
    private PointsProjector projector;
    private PointsQueryHandler queries;
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
        dsl.truncate(POINTS_BALANCES).execute();
        dsl.truncate(POINTS_LEDGER).execute();
        dsl.truncate(POINTS_LOTS).execute();
        views = new MemberViewCache<>("member-points", PointsView::version, 100, true);
        projector = new PointsProjector(dsl, new ViewChanges(dsl), views);
        queries = new PointsQueryHandler(
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
    void projectsBalancesLedgerAndLotsOfAHistory() {
        Instant release = T0.plus(Duration.ofDays(7));
        projector.on(
                new PointsEarnedEvent(member, 1, PointsSource.PURCHASE, "o1", 600, true, release, EXPIRY, 0),
                T0,
                2,
                API);
        projector.on(
                new PointsReversedEvent(member, "r1", "o1", 200, List.of(new LotConsumption(1, 200, true)), 0),
                T0.plusSeconds(60),
                4,
                API);
        projector.on(new PointsReleasedEvent(member, 1, 400, release, 0), release, 6, MetaData.emptyInstance());
        projector.on(
                new PointsEarnedEvent(
                        member, 2, PointsSource.CHECK_IN, "2026-03-08", 5, false, null, EXPIRY.plusSeconds(9), 0),
                release,
                7,
                API);
        projector.on(
                new PointsSpentEvent(
                        member,
                        SpendPurpose.REDEMPTION,
                        "x1",
                        100,
                        null,
                        null,
                        "mug",
                        List.of(new LotConsumption(1, 100, false))),
                release,
                8,
                API);
        projector.on(new PointsExpiredEvent(member, 1, 300, false, EXPIRY), EXPIRY, 9, MetaData.emptyInstance());

        PointsBalance balance =
                queries.handle(new FindPointsQuery(member, null)).orElseThrow().balance();
        assertThat(balance).isEqualTo(new PointsBalance(5, 0, 0, 605, 100, 300, 200, 0));

        LedgerPage ledger = queries.handle(new FindPointsLedgerQuery(member, 0, 50, null));
        assertThat(ledger.total()).isEqualTo(6);
        assertThat(ledger.items())
                .extracting(LedgerEntry::type)
                .containsExactly("EXPIRED", "SPENT", "EARNED", "RELEASED", "REVERSED", "EARNED");
        assertThat(ledger.items().stream()
                        .mapToLong(LedgerEntry::availableChange)
                        .sum())
                .isEqualTo(balance.available());
        assertThat(ledger.items().stream().mapToLong(LedgerEntry::pendingChange).sum())
                .isEqualTo(balance.pending());
        LedgerEntry earned = ledger.items().get(5);
        assertThat(earned.source()).isEqualTo("PURCHASE");
        assertThat(earned.reference()).isEqualTo("o1");
        assertThat(earned.pendingChange()).isEqualTo(600);
        assertThat(earned.actor()).isEqualTo("alice.staff");
        assertThat(earned.channel()).isEqualTo("api");
        assertThat(earned.correlationId()).isEqualTo("c-1");
        LedgerEntry released = ledger.items().get(3);
        assertThat(released.reference()).isEqualTo("o1");
        assertThat(released.availableChange()).isEqualTo(400);
        assertThat(released.pendingChange()).isEqualTo(-400);
        assertThat(ledger.items().get(0).source()).isEqualTo("PURCHASE");

        assertThat(queries.handle(new FindPointsLotsQuery(member, null)).lots())
                .extracting(LotView::lotNo, LotView::remaining, LotView::pending)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 5L, false));
    }

    @Test
    void spentPointsGivenBackOpenLotsAndShowInTheLedger() {
        projector.on(
                new PointsEarnedEvent(member, 1, PointsSource.CHECK_IN, "d1", 100, false, null, EXPIRY, 0), T0, 1, API);
        projector.on(
                new PointsSpentEvent(
                        member,
                        SpendPurpose.ORDER_DEDUCTION,
                        "o1",
                        60,
                        Money.ofYuan("10.00"),
                        Money.ofYuan("0.60"),
                        null,
                        List.of(new LotConsumption(1, 60, false))),
                T0,
                2,
                API);
        projector.on(
                new SpentPointsReturnedEvent(
                        member, "o1", "r1", 40, 20, List.of(new ReturnedLot(2, 40, EXPIRY.minusSeconds(5), 0))),
                T0.plusSeconds(60),
                4,
                API);

        assertThat(balance()).isEqualTo(new PointsBalance(80, 0, 0, 100, 0, 20, 0, 0));
        LedgerEntry returned = queries.handle(new FindPointsLedgerQuery(member, 0, 50, null))
                .items()
                .get(0);
        assertThat(returned.type()).isEqualTo("RETURNED");
        assertThat(returned.source()).isEqualTo("REFUND");
        assertThat(returned.reference()).isEqualTo("r1");
        assertThat(returned.availableChange()).isEqualTo(40);
        assertThat(queries.handle(new FindPointsLotsQuery(member, null)).lots())
                .extracting(LotView::lotNo, LotView::remaining)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, 40L), org.assertj.core.groups.Tuple.tuple(1, 40L));
    }

    @Test
    void debtsAndTheirSettlementShowInTheBalance() {
        projector.on(new PointsAdjustedEvent(member, "a1", 50, "goodwill", 1, EXPIRY, 0, List.of()), T0, 1, API);
        projector.on(
                new PointsReversedEvent(member, "r1", "o1", 80, List.of(new LotConsumption(1, 50, false)), 30),
                T0,
                3,
                API);
        assertThat(balance()).isEqualTo(new PointsBalance(-30, 0, 30, 0, 0, 0, 80, 50));

        projector.on(new PointsAdjustedEvent(member, "a2", 100, "goodwill", 2, EXPIRY, 30, List.of()), T0, 4, API);

        assertThat(balance()).isEqualTo(new PointsBalance(70, 0, 0, 0, 0, 0, 80, 150));
        assertThat(queries.handle(new FindPointsLotsQuery(member, null)).lots())
                .extracting(LotView::remaining)
                .containsExactly(70L);
    }

    @Test
    void replayingEventsChangesNothing() {
        PointsEarnedEvent earned =
                new PointsEarnedEvent(member, 1, PointsSource.REVIEW, "o1", 10, false, null, EXPIRY, 0);
        projector.on(earned, T0, 1, API);
        PointsSpentEvent spent = new PointsSpentEvent(
                member, SpendPurpose.REDEMPTION, "x1", 4, null, null, "pen", List.of(new LotConsumption(1, 4, false)));
        projector.on(spent, T0, 2, API);

        projector.on(earned, T0, 1, API);
        projector.on(spent, T0, 2, API);

        assertThat(balance()).isEqualTo(new PointsBalance(6, 0, 0, 10, 4, 0, 0, 0));
        assertThat(queries.handle(new FindPointsLedgerQuery(member, 0, 10, null))
                        .total())
                .isEqualTo(2);
        assertThat(queries.handle(new FindPointsLotsQuery(member, null)).lots())
                .extracting(LotView::remaining)
                .containsExactly(6L);
    }

    @Test
    void pagesTheLedgerNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            projector.on(new PointsAdjustedEvent(member, "a" + i, i, "step", i, EXPIRY, 0, List.of()), T0, i, API);
        }

        LedgerPage second = queries.handle(new FindPointsLedgerQuery(member, 1, 2, null));

        assertThat(second.items()).extracting(LedgerEntry::reference).containsExactly("a3", "a2");
        assertThat(second.total()).isEqualTo(5);
    }

    @Test
    void opensTheLotsOfABatchWithoutAQueryPerLot() throws Exception {
        List<EventMessage<?>> batch = new ArrayList<>();
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            MemberId other = MemberId.newId();
            members.add(other);
            batch.add(event(other, 0, new MemberRegisteredEvent(other, profile("Earner " + i), 1)));
            batch.add(event(
                    other,
                    1,
                    new PointsEarnedEvent(other, 1, PointsSource.PURCHASE, "o1", 300, false, null, EXPIRY, 0)));
        }
        AtomicInteger statements = new AtomicInteger();
        DSLContext counted = dsl.configuration()
                .derive(ExecuteListener.onExecuteStart(context -> statements.incrementAndGet()))
                .dsl();
        AnnotationEventHandlerAdapter handlers =
                new AnnotationEventHandlerAdapter(new PointsProjector(counted, new ViewChanges(counted), views));

        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.executeWithResult(() -> handlers.handle(unitOfWork.getMessage()));

        assertThat(unitOfWork.getExecutionResult().isExceptionResult()).isFalse();
        assertThat(statements.get())
                .as("ten new lots: loaded with the balances' and the lots' one query each, not one query per lot")
                .isLessThanOrEqualTo(6);
        for (MemberId each : members) {
            assertThat(queries.handle(new FindPointsQuery(each, null))
                            .orElseThrow()
                            .balance()
                            .available())
                    .isEqualTo(300);
        }
    }

    @Test
    void appliesAProcessorBatchInMemoryAndWritesItWithAFewStatements() throws Exception {
        Instant release = T0.plus(Duration.ofDays(7));
        List<MemberId> members = new ArrayList<>(List.of(member));
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            MemberId other = MemberId.newId();
            members.add(other);
            batch.add(event(other, 0, new MemberRegisteredEvent(other, profile("Other " + i), 1)));
        }
        for (MemberId each : members) {
            batch.add(event(
                    each,
                    2,
                    new PointsEarnedEvent(each, 1, PointsSource.PURCHASE, "o1", 600, true, release, EXPIRY, 0)));
            batch.add(event(
                    each,
                    4,
                    new PointsReversedEvent(each, "r1", "o1", 200, List.of(new LotConsumption(1, 200, true)), 0)));
            batch.add(event(each, 6, new PointsReleasedEvent(each, 1, 400, release, 0)));
            batch.add(event(each, 6, new PointsReleasedEvent(each, 1, 400, release, 0)));
        }
        AtomicInteger statements = new AtomicInteger();
        DSLContext counted = dsl.configuration()
                .derive(ExecuteListener.onExecuteStart(context -> statements.incrementAndGet()))
                .dsl();
        AnnotationEventHandlerAdapter handlers =
                new AnnotationEventHandlerAdapter(new PointsProjector(counted, new ViewChanges(counted), views));

        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.executeWithResult(() -> handlers.handle(unitOfWork.getMessage()));

        assertThat(unitOfWork.getExecutionResult().isExceptionResult()).isFalse();
        assertThat(statements.get())
                .as(
                        "loading balances and lots, one upsert or insert per table, one notification of the changed members")
                .isLessThanOrEqualTo(6);
        for (MemberId each : members) {
            assertThat(queries.handle(new FindPointsQuery(each, null))
                            .orElseThrow()
                            .balance())
                    .isEqualTo(new PointsBalance(400, 0, 0, 600, 0, 0, 200, 0));
            assertThat(queries.handle(new FindPointsLedgerQuery(each, 0, 10, null))
                            .items())
                    .extracting(LedgerEntry::type)
                    .containsExactly("RELEASED", "REVERSED", "EARNED");
            assertThat(queries.handle(new FindPointsLotsQuery(each, null)).lots())
                    .extracting(LotView::remaining, LotView::pending)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(400L, false));
        }
    }

    private static EventMessage<?> event(MemberId member, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(
                "Member",
                member.toString(),
                sequence,
                payload,
                API,
                java.util.UUID.randomUUID().toString(),
                T0.plusSeconds(sequence));
    }

    private static MemberProfile profile(String name) {
        return new MemberProfile(
                name,
                "13800000002",
                null,
                Gender.UNDISCLOSED,
                null,
                MemberLocale.ZH_CN,
                null,
                null,
                List.of(),
                null,
                null);
    }

    private PointsBalance balance() {
        return queries.handle(new FindPointsQuery(member, null)).orElseThrow().balance();
    }
}
