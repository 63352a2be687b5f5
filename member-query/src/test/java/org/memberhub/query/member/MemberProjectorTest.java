package org.memberhub.query.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memberhub.query.jooq.Tables.MEMBERS;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.member.FindMemberQuery;
import org.memberhub.kernel.member.FindMembersQuery;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberCriteria;
import org.memberhub.kernel.member.MemberDeletedEvent;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberFrozenEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberPage;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberProfileUpdatedEvent;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.member.MemberSort;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberUnfrozenEvent;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.cache.ViewChanges;
import org.memberhub.query.config.QueryProperties;
import org.memberhub.query.consistency.ReadYourWrites;
import org.memberhub.query.testing.TestDatabase;

/** Calls the projector's handlers, then the query handler, against the read schema on PostgreSQL. */
class MemberProjectorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    private static TestDatabase database;
    private static DSLContext dsl;

    private MemberViewCache<MemberView> views;
    private MemberProjector projector;
    private MemberQueryHandler queries;
    private InMemoryEventStorageEngine written;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create().migrate("classpath:db/migration/query", "classpath:db/vendor/postgresql");
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyReadModel() {
        dsl.truncate(MEMBERS).execute();
        views = new MemberViewCache<>("member-views", MemberView::version, 100, true);
        projector = new MemberProjector(dsl, new ViewChanges(dsl), views);
        QueryProperties properties =
                new QueryProperties(Duration.ofMillis(300), 100, 1, Duration.ZERO, 100, false, 1000);
        written = new InMemoryEventStorageEngine();
        queries = new MemberQueryHandler(
                new MemberReadRepository(dsl, properties), new ReadYourWrites(properties, written), views);
    }

    @Test
    void servesACachedDetailUntilAChangeOfTheMemberIsProjected() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        views.bindTo(registry);
        MemberId id = MemberId.newId();
        projector.on(new MemberRegisteredEvent(id, profile("Alice", "13800000001", "a"), 1), T0, 0);

        assertThat(find(id).orElseThrow().profile().name()).isEqualTo("Alice");
        assertThat(find(id).orElseThrow().profile().name()).isEqualTo("Alice");
        assertThat(gets(registry, "miss")).isEqualTo(1);
        assertThat(gets(registry, "hit")).isEqualTo(1);

        projector.on(new MemberProfileUpdatedEvent(id, profile("Alicia", "13800000001", "b")), T0.plusSeconds(1), 1);
        MemberView changed = find(id).orElseThrow();
        projector.on(new MemberFrozenEvent(id, null), T0.plusSeconds(2), 2);
        MemberView frozen = find(id).orElseThrow();

        assertThat(changed.profile().name()).isEqualTo("Alicia");
        assertThat(changed.profile().tags()).containsExactly("b");
        assertThat(frozen.status()).isEqualTo(MemberStatus.FROZEN);
        assertThat(frozen.version()).isEqualTo(2);
        assertThat(find(id).orElseThrow().version()).isEqualTo(2);
        assertThat(gets(registry, "miss")).isEqualTo(3);
        assertThat(gets(registry, "hit")).isEqualTo(2);
    }

    @Test
    void aCachedDetailOlderThanTheQuerysTokenIsNotServed() {
        MemberId id = MemberId.newId();
        projector.on(new MemberRegisteredEvent(id, profile("Alice", "13800000001"), 1), T0, 0);
        find(id);
        // the row moves on behind the cache's back, as another instance's projection would before its notification
        dsl.update(MEMBERS).set(MEMBERS.NAME, "Alicia").set(MEMBERS.VERSION, 1L).execute();
        written(id, 1);

        assertThat(find(id).orElseThrow().profile().name()).isEqualTo("Alice");
        assertThat(queries.handle(new FindMemberQuery(id, new ConsistencyToken(id, 1)))
                        .orElseThrow()
                        .profile()
                        .name())
                .isEqualTo("Alicia");
        assertThat(find(id).orElseThrow().profile().name()).isEqualTo("Alicia");
    }

    private static double gets(SimpleMeterRegistry registry, String result) {
        return registry.get("cache.gets")
                .tag("cache", "member-views")
                .tag("result", result)
                .functionCounter()
                .count();
    }

    @Test
    void projectsRegistrationIntoDetail() {
        MemberId id = MemberId.newId();
        projector.on(new MemberRegisteredEvent(id, profile("Alice Wang", "13800000001", "vip", "gold"), 1), T0, 0);

        MemberView member = find(id).orElseThrow();

        assertThat(member.profile()).isEqualTo(profile("Alice Wang", "13800000001", "gold", "vip"));
        assertThat(member.status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(member.level()).isEqualTo(1);
        assertThat(member.joinedAt()).isEqualTo(T0);
        assertThat(member.updatedAt()).isEqualTo(T0);
        assertThat(member.version()).isZero();
    }

    @Test
    void ignoresReplayedRegistration() {
        MemberId id = MemberId.newId();
        projector.on(new MemberRegisteredEvent(id, profile("Alice", "13800000001", "a"), 1), T0, 0);
        projector.on(new MemberRegisteredEvent(id, profile("Other", "13800000002", "b"), 1), T0.plusSeconds(5), 0);

        MemberView member = find(id).orElseThrow();
        assertThat(member.profile().name()).isEqualTo("Alice");
        assertThat(member.profile().tags()).containsExactly("a");
        assertThat(member.joinedAt()).isEqualTo(T0);
    }

    @Test
    void replacesProfileAndTagsOnUpdate() {
        MemberId id = MemberId.newId();
        projector.on(new MemberRegisteredEvent(id, profile("Alice", "13800000001", "a", "b"), 1), T0, 0);

        MemberProfile updated = new MemberProfile(
                "Alice Li",
                "13800000009",
                null,
                Gender.FEMALE,
                null,
                MemberLocale.EN,
                "Road 1",
                null,
                List.of("c"),
                "X1",
                null);
        projector.on(new MemberProfileUpdatedEvent(id, updated), T0.plusSeconds(60), 1);

        MemberView member = find(id).orElseThrow();
        assertThat(member.profile()).isEqualTo(updated);
        assertThat(member.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(member.joinedAt()).isEqualTo(T0);
        assertThat(member.version()).isEqualTo(1);
    }

    @Test
    void ignoresEventsItHasAlreadyApplied() {
        MemberId id = MemberId.newId();
        projector.on(new MemberRegisteredEvent(id, profile("Alice", "13800000001"), 1), T0, 0);
        projector.on(new MemberProfileUpdatedEvent(id, profile("Second", "13800000001")), T0, 1);
        projector.on(new MemberProfileUpdatedEvent(id, profile("Third", "13800000001")), T0, 2);

        projector.on(new MemberProfileUpdatedEvent(id, profile("Second", "13800000001", "stale")), T0, 1);
        projector.on(new MemberFrozenEvent(id, null), T0, 2);

        MemberView member = find(id).orElseThrow();
        assertThat(member.profile().name()).isEqualTo("Third");
        assertThat(member.profile().tags()).isEmpty();
        assertThat(member.status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(member.version()).isEqualTo(2);
    }

    @Test
    void tracksFreezeUnfreezeAndDeletion() {
        MemberId id = MemberId.newId();
        projector.on(new MemberRegisteredEvent(id, profile("Alice", "13800000001"), 1), T0, 0);

        projector.on(new MemberFrozenEvent(id, "fraud check"), T0.plusSeconds(1), 1);
        assertThat(find(id).orElseThrow().status()).isEqualTo(MemberStatus.FROZEN);

        projector.on(new MemberUnfrozenEvent(id, null), T0.plusSeconds(2), 2);
        assertThat(find(id).orElseThrow().status()).isEqualTo(MemberStatus.ACTIVE);

        projector.on(new MemberDeletedEvent(id, "asked to leave"), T0.plusSeconds(3), 3);
        MemberView deleted = find(id).orElseThrow();
        assertThat(deleted.status()).isEqualTo(MemberStatus.DELETED);
        assertThat(deleted.updatedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(list(MemberCriteria.none()).total()).isZero();
    }

    @Test
    void otherEventsOfTheMemberOnlyMoveItsVersion() {
        MemberId id = MemberId.newId();
        projector.on(new MemberRegisteredEvent(id, profile("Alice", "13800000001"), 1), T0, 0);

        projector.on(new SomethingElseHappened(id), 1);

        MemberView member = find(id).orElseThrow();
        assertThat(member.version()).isEqualTo(1);
        assertThat(member.updatedAt()).isEqualTo(T0);
        assertThat(member.profile().name()).isEqualTo("Alice");
    }

    @Test
    void filtersTheListByEveryCriterion() {
        MemberId alice = register("Alice Wang", "13800000001", "alice@example.com", 1, T0, "vip");
        MemberId bob = register("Bob Zhang", "13900000002", "bob@shop.cn", 3, T0.plusSeconds(86_400), "gold");
        MemberId carol = register("Carol", "13700000003", null, 3, T0.plusSeconds(2 * 86_400), "vip", "gold");
        projector.on(new MemberFrozenEvent(carol, null), T0, 1);
        MemberId dave = register("Dave", "13600000004", null, 1, T0, "vip");
        projector.on(new MemberDeletedEvent(dave, null), T0, 1);

        assertThat(ids(new MemberCriteria("WANG", null, null, null, null, null)))
                .containsExactly(alice);
        assertThat(ids(new MemberCriteria("0000000", null, null, null, null, null)))
                .containsExactlyInAnyOrder(alice, bob, carol);
        assertThat(ids(new MemberCriteria("SHOP.CN", null, null, null, null, null)))
                .containsExactly(bob);
        assertThat(ids(new MemberCriteria("50%_", null, null, null, null, null)))
                .isEmpty();
        assertThat(ids(new MemberCriteria(null, Set.of(MemberStatus.FROZEN), null, null, null, null)))
                .containsExactly(carol);
        assertThat(ids(new MemberCriteria(null, Set.of(MemberStatus.ACTIVE), Set.of(3), null, null, null)))
                .containsExactly(bob);
        assertThat(ids(new MemberCriteria(null, null, null, "vip", null, null)))
                .containsExactlyInAnyOrder(alice, carol);
        assertThat(ids(new MemberCriteria(
                        null, null, null, "gold", T0.plusSeconds(86_400), T0.plusSeconds(2 * 86_400))))
                .containsExactly(bob);
    }

    @Test
    void sortsAndPagesWithTotal() {
        MemberId b = register("B", "13800000002", null, 2, T0.plusSeconds(1));
        MemberId a = register("A", "13800000001", null, 1, T0.plusSeconds(2));
        MemberId c = register("C", "13800000003", null, 2, T0.plusSeconds(3));

        MemberPage byName = queries.handle(
                new FindMembersQuery(MemberCriteria.none(), 0, 2, new MemberSort(MemberSort.Field.NAME, true), null));
        assertThat(byName.items()).extracting(MemberView::id).containsExactly(a, b);
        assertThat(byName.total()).isEqualTo(3);

        MemberPage secondPage = queries.handle(
                new FindMembersQuery(MemberCriteria.none(), 1, 2, new MemberSort(MemberSort.Field.NAME, true), null));
        assertThat(secondPage.items()).extracting(MemberView::id).containsExactly(c);
        assertThat(secondPage.total()).isEqualTo(3);

        MemberPage newestFirst =
                queries.handle(new FindMembersQuery(MemberCriteria.none(), 0, 10, MemberSort.DEFAULT, null));
        assertThat(newestFirst.items()).extracting(MemberView::id).containsExactly(c, a, b);

        MemberPage byLevelDescending = queries.handle(new FindMembersQuery(
                MemberCriteria.none(), 0, 10, new MemberSort(MemberSort.Field.LEVEL, false), null));
        assertThat(byLevelDescending.items().get(2).id()).isEqualTo(a);

        MemberPage beyondTheEnd =
                queries.handle(new FindMembersQuery(MemberCriteria.none(), 5, 10, MemberSort.DEFAULT, null));
        assertThat(beyondTheEnd.items()).isEmpty();
        assertThat(beyondTheEnd.total()).isEqualTo(3);
    }

    @Test
    void pagesByCursorInEverySortOrderWithoutOverlapOrGap() {
        List<MemberId> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // levels and join times repeat, so that ties are broken by the rest of the key
            all.add(register("M" + (i % 3), "1380000001" + i, null, 1 + i % 2, T0.plusSeconds(i % 4)));
        }
        for (MemberSort.Field field : MemberSort.Field.values()) {
            for (boolean ascending : new boolean[] {true, false}) {
                MemberSort sort = new MemberSort(field, ascending);
                List<MemberId> byOffset =
                        queries.handle(new FindMembersQuery(MemberCriteria.none(), 0, 50, sort, null)).items().stream()
                                .map(MemberView::id)
                                .toList();
                List<MemberId> byCursor = new ArrayList<>();
                MemberPage page = queries.handle(new FindMembersQuery(MemberCriteria.none(), 0, 3, sort, null));
                byCursor.addAll(page.items().stream().map(MemberView::id).toList());
                while (page.next() != null) {
                    page = queries.handle(new FindMembersQuery(MemberCriteria.none(), 0, 3, sort, null, page.next()));
                    byCursor.addAll(page.items().stream().map(MemberView::id).toList());
                }
                assertThat(byCursor).as("%s", sort).containsExactlyElementsOf(byOffset);
                assertThat(byOffset).as("%s", sort).containsExactlyInAnyOrderElementsOf(all);
                MemberPage secondByNumber =
                        queries.handle(new FindMembersQuery(MemberCriteria.none(), 1, 3, sort, null));
                assertThat(secondByNumber.items())
                        .extracting(MemberView::id)
                        .containsExactlyElementsOf(byOffset.subList(3, 6));
            }
        }
    }

    @Test
    void countsExactlyUpToTheLimitAndEstimatesAbove() {
        for (int i = 0; i < 5; i++) {
            register("E" + i, "1380000002" + i, null, i == 0 ? 5 : 1, T0.plusSeconds(i));
        }
        dsl.execute("ANALYZE members");
        QueryProperties smallLimit = new QueryProperties(Duration.ofMillis(300), 100, 1, Duration.ZERO, 100, false, 2);
        MemberQueryHandler counting = new MemberQueryHandler(
                new MemberReadRepository(dsl, smallLimit), new ReadYourWrites(smallLimit, written), views);

        MemberPage everybody =
                counting.handle(new FindMembersQuery(MemberCriteria.none(), 0, 2, MemberSort.DEFAULT, null));
        MemberPage levelFive = counting.handle(new FindMembersQuery(
                new MemberCriteria(null, null, Set.of(5), null, null, null), 0, 2, MemberSort.DEFAULT, null));

        assertThat(everybody.totalEstimated()).isTrue();
        assertThat(everybody.total()).isGreaterThan(2);
        assertThat(everybody.next()).isNotNull();
        assertThat(levelFive.totalEstimated()).isFalse();
        assertThat(levelFive.total()).isEqualTo(1);
        assertThat(levelFive.next()).isNull();
    }

    @Test
    void queryWithConsistencyTokenWaitsForTheReadModel() throws Exception {
        MemberId id = MemberId.newId();
        projector.on(new MemberRegisteredEvent(id, profile("Alice", "13800000001"), 1), T0, 0);
        written(id, 1);

        QueryProperties patient = new QueryProperties(Duration.ofMinutes(1), 100, 1, Duration.ZERO, 100, false, 1000);
        // the query asks the event store how far the member has got only once it found the read model behind
        CountDownLatch behind = new CountDownLatch(1);
        InMemoryEventStorageEngine watched = new InMemoryEventStorageEngine() {
            @Override
            public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
                behind.countDown();
                return written.lastSequenceNumberFor(aggregateIdentifier);
            }
        };
        MemberQueryHandler waiting = new MemberQueryHandler(
                new MemberReadRepository(dsl, patient), new ReadYourWrites(patient, watched), views);
        CompletableFuture<Optional<MemberView>> answer = CompletableFuture.supplyAsync(
                () -> waiting.handle(new FindMemberQuery(id, new ConsistencyToken(id, 1))));
        assertThat(behind.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(answer).isNotDone();
        projector.on(new MemberProfileUpdatedEvent(id, profile("Alice Li", "13800000001")), T0, 1);

        assertThat(answer.get(30, TimeUnit.SECONDS).orElseThrow().profile().name())
                .isEqualTo("Alice Li");
    }

    @Test
    void queryWithConsistencyTokenReportsALaggingReadModel() {
        MemberId id = MemberId.newId();
        projector.on(new MemberRegisteredEvent(id, profile("Alice", "13800000001"), 1), T0, 0);
        written(id, 7);

        assertThatThrownBy(() -> queries.handle(new FindMemberQuery(id, new ConsistencyToken(id, 7))))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.READ_MODEL_LAGGING));
    }

    @Test
    void refusesWithoutWaitingATokenForAVersionTheMemberNeverReached() {
        MemberId id = MemberId.newId();
        projector.on(new MemberRegisteredEvent(id, profile("Alice", "13800000001"), 1), T0, 0);
        written(id, 0);
        QueryProperties patient = new QueryProperties(Duration.ofHours(1), 100, 1, Duration.ZERO, 100, false, 1000);
        MemberQueryHandler waiting = new MemberQueryHandler(
                new MemberReadRepository(dsl, patient), new ReadYourWrites(patient, written), views);

        // with an hour to wait, only a refusal without waiting lets this test finish
        assertThatThrownBy(() -> waiting.handle(new FindMemberQuery(id, new ConsistencyToken(id, 1_000_000))))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONSISTENCY_TOKEN_AHEAD));
        assertThatThrownBy(() -> waiting.handle(new FindMembersQuery(
                        MemberCriteria.none(), 0, 1, MemberSort.DEFAULT, new ConsistencyToken(MemberId.newId(), 0))))
                .as("a token of a member that has no events at all")
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONSISTENCY_TOKEN_AHEAD));
    }

    @Test
    void refusesATokenOfAnotherMember() {
        MemberId alice = MemberId.newId();
        MemberId bob = MemberId.newId();
        projector.on(new MemberRegisteredEvent(alice, profile("Alice", "13800000001"), 1), T0, 0);
        projector.on(new MemberRegisteredEvent(bob, profile("Bob", "13800000002"), 1), T0, 0);
        written(alice, 0);
        written(bob, 0);
        find(alice);

        for (int i = 0; i < 2; i++) { // the second time the cache holds alice
            assertThatThrownBy(() -> queries.handle(new FindMemberQuery(alice, new ConsistencyToken(bob, 0))))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.CONSISTENCY_TOKEN_OTHER_MEMBER));
        }
    }

    /** The event store holds the member's events up to {@code last}, whatever the read model has seen of them. */
    private void written(MemberId id, long last) {
        long next =
                written.lastSequenceNumberFor(id.toString()).map(seq -> seq + 1).orElse(0L);
        for (long seq = next; seq <= last; seq++) {
            written.appendEvents(new GenericDomainEventMessage<>("Member", id.toString(), seq, "event " + seq));
        }
    }

    private MemberId register(String name, String mobile, String email, int level, Instant joinedAt, String... tags) {
        MemberId id = MemberId.newId();
        MemberProfile profile = new MemberProfile(
                name,
                mobile,
                email,
                Gender.UNDISCLOSED,
                null,
                MemberLocale.ZH_CN,
                null,
                null,
                List.of(tags),
                null,
                null);
        projector.on(new MemberRegisteredEvent(id, profile, level), joinedAt, 0);
        return id;
    }

    private Optional<MemberView> find(MemberId id) {
        return queries.handle(new FindMemberQuery(id));
    }

    private MemberPage list(MemberCriteria criteria) {
        return queries.handle(new FindMembersQuery(criteria, 0, 50, MemberSort.DEFAULT, null));
    }

    private List<MemberId> ids(MemberCriteria criteria) {
        return list(criteria).items().stream().map(MemberView::id).toList();
    }

    private static MemberProfile profile(String name, String mobile, String... tags) {
        return new MemberProfile(
                name,
                mobile,
                null,
                Gender.UNDISCLOSED,
                LocalDate.of(1990, 1, 1),
                MemberLocale.ZH_CN,
                null,
                null,
                List.of(tags),
                null,
                null);
    }

    private record SomethingElseHappened(MemberId memberId) implements MemberEvent {}
}
