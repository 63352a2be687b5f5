package org.memberhub.query.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.member.MemberId;

class MemberViewCacheTest {

    private record View(MemberId id, long version) {}

    /**
     * A read model of views by member id, counting its reads; {@link #duringRead} runs inside each read, as a
     * projection committing meanwhile would.
     */
    private static final class ReadModel implements MemberViewCache.Source<View> {

        final Map<MemberId, View> views = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        final AtomicInteger reads = new AtomicInteger();
        Runnable duringRead = () -> {};

        ReadModel(int members) {
            for (int i = 0; i < members; i++) {
                put(new View(MemberId.newId(), 3));
            }
        }

        void put(View view) {
            views.put(view.id(), view);
        }

        List<View> all() {
            return List.copyOf(views.values());
        }

        @Override
        public List<View> after(MemberId after, int size) {
            reads.incrementAndGet();
            duringRead.run();
            return views.values().stream()
                    .filter(view -> after == null || view.id().value().compareTo(after.value()) > 0)
                    .limit(size)
                    .toList();
        }

        @Override
        public List<View> of(Collection<MemberId> members) {
            reads.incrementAndGet();
            List<View> found = new ArrayList<>();
            for (MemberId member : members) {
                Optional.ofNullable(views.get(member)).ifPresent(found::add);
            }
            duringRead.run();
            return found;
        }

        @Override
        public MemberId idOf(View view) {
            return view.id();
        }
    }

    /** A cache that fills itself from the read model, its reads run at once on the calling thread. */
    private static MemberViewCache<View> cache(long maximumSize, ReadModel source) {
        MemberViewCache<View> cache =
                new MemberViewCache<>("test", View::version, maximumSize, true, true, Runnable::run, Duration.ZERO);
        cache.fillFrom(source);
        return cache;
    }

    private static Optional<View> fromCacheOnly(MemberViewCache<View> cache, MemberId member) {
        return cache.find(member, null, () -> {
            throw new AssertionError("not kept: " + member);
        });
    }

    private static boolean kept(MemberViewCache<View> cache, MemberId member) {
        boolean[] read = {false};
        cache.find(member, null, () -> {
            read[0] = true;
            return Optional.empty();
        });
        return !read[0];
    }

    @Test
    void warmingUpReadsPagesUntilTheReadModelEndsOrTheCacheIsFull() {
        ReadModel readModel = new ReadModel(2_500);
        MemberViewCache<View> roomy = cache(10_000, readModel);

        assertThat(roomy.fill(readModel, 0)).isEqualTo(2_500);
        assertThat(readModel.reads).as("three pages, the last one short").hasValue(3);
        for (View view : readModel.all()) {
            assertThat(fromCacheOnly(roomy, view.id())).contains(view);
        }

        readModel.reads.set(0);
        assertThat(cache(20, readModel).fill(readModel, 0)).isEqualTo(1_000);
        assertThat(readModel.reads).as("one page, then the cache is full").hasValue(1);
    }

    @Test
    void aMemberInvalidatedWhileItsPageIsReadIsNotKept() {
        ReadModel readModel = new ReadModel(10);
        MemberId changed = readModel.all().get(4).id();
        MemberViewCache<View> cache =
                new MemberViewCache<>("test", View::version, 100, true, false, Runnable::run, Duration.ZERO);
        // a projection commits a change of the member during the read
        readModel.duringRead = () -> cache.invalidate(List.of(changed));

        assertThat(cache.fill(readModel, 0)).isEqualTo(9);

        assertThat(kept(cache, changed))
                .as("read from the read model, not the warm-up's copy")
                .isFalse();
    }

    @Test
    void aNewerViewIsNeverReplaced() {
        ReadModel readModel = new ReadModel(50);
        View newer = new View(readModel.all().get(0).id(), 9);
        MemberViewCache<View> cache = cache(100, readModel);
        cache.find(newer.id(), null, () -> Optional.of(newer));

        assertThat(cache.fill(readModel, 0)).isEqualTo(49);

        assertThat(fromCacheOnly(cache, newer.id())).contains(newer);
    }

    @Test
    void aChangedMemberIsReadAgainAfterItsInvalidation() {
        ReadModel readModel = new ReadModel(3);
        MemberViewCache<View> cache = cache(100, readModel);
        cache.fill(readModel, 0);
        View first = readModel.all().get(0);
        View second = readModel.all().get(1);
        View registered = new View(MemberId.newId(), 0);
        readModel.put(new View(first.id(), 4));
        readModel.put(new View(second.id(), 7));
        readModel.put(registered);
        readModel.reads.set(0);

        cache.invalidate(List.of(first.id(), second.id(), registered.id()));

        assertThat(readModel.reads).as("one read for the three").hasValue(1);
        assertThat(fromCacheOnly(cache, first.id())).contains(new View(first.id(), 4));
        assertThat(fromCacheOnly(cache, second.id())).contains(new View(second.id(), 7));
        assertThat(fromCacheOnly(cache, registered.id()))
                .as("a member it had not held, while it has room")
                .contains(registered);
    }

    @Test
    void aViewReadBeforeALaterChangeIsNotKeptButReadAgain() {
        ReadModel readModel = new ReadModel(1);
        MemberViewCache<View> cache = cache(100, readModel);
        MemberId member = readModel.all().get(0).id();
        readModel.put(new View(member, 4));
        boolean[] staleServed = {false};
        // while the cache reads version 4, the projection commits version 5 and invalidates the member again
        readModel.duringRead = () -> {
            readModel.duringRead = () -> staleServed[0] = kept(cache, member);
            readModel.put(new View(member, 5));
            cache.invalidate(List.of(member));
        };

        cache.invalidate(List.of(member));

        assertThat(readModel.reads)
                .as("the read that raced the change, then one after it")
                .hasValue(2);
        assertThat(staleServed[0])
                .as("version 4 served after version 5 was committed")
                .isFalse();
        assertThat(fromCacheOnly(cache, member)).contains(new View(member, 5));
    }

    @Test
    void aFullCacheReadsAgainOnlyTheMembersItHeld() {
        ReadModel readModel = new ReadModel(0);
        MemberViewCache<View> cache = cache(1, readModel);
        View held = new View(MemberId.newId(), 1);
        View other = new View(MemberId.newId(), 1);
        readModel.put(held);
        readModel.put(other);
        cache.find(held.id(), null, () -> Optional.of(held));

        cache.invalidate(List.of(other.id()));
        assertThat(readModel.reads).as("no room for a member it did not hold").hasValue(0);

        cache.invalidate(List.of(held.id()));
        assertThat(readModel.reads).hasValue(1);
        assertThat(fromCacheOnly(cache, held.id())).contains(held);
        assertThat(kept(cache, other.id())).isFalse();
    }

    @Test
    void aCacheThatDoesNotFillItselfOnlyDropsWhatChanged() {
        ReadModel readModel = new ReadModel(1);
        View view = readModel.all().get(0);
        MemberViewCache<View> cache =
                new MemberViewCache<>("test", View::version, 100, true, false, Runnable::run, Duration.ZERO);
        cache.fillFrom(readModel);
        cache.find(view.id(), null, () -> Optional.of(view));

        cache.invalidate(List.of(view.id()));

        assertThat(readModel.reads).hasValue(0);
        assertThat(kept(cache, view.id())).isFalse();
    }

    @Test
    void aFailingReadLeavesTheMembersToReadsThatMiss() {
        ReadModel readModel = new ReadModel(1);
        MemberViewCache<View> cache = cache(100, readModel);
        MemberId member = readModel.all().get(0).id();
        readModel.duringRead = () -> {
            throw new IllegalStateException("connection refused");
        };

        cache.invalidate(List.of(member));
        readModel.duringRead = () -> {};

        assertThat(kept(cache, member)).isFalse();
        cache.invalidate(List.of(member));
        assertThat(kept(cache, member)).as("the next change is read again").isTrue();
    }
}
