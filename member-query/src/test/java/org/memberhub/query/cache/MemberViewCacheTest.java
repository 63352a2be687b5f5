package org.memberhub.query.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.member.MemberId;

class MemberViewCacheTest {

    private record View(MemberId id, long version) {}

    /** Views of {@code count} members in the order of their ids, as the read model pages them. */
    private static List<View> readModel(int count) {
        List<View> views = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            views.add(new View(MemberId.newId(), 3));
        }
        views.sort(Comparator.comparing(view -> view.id().value()));
        return views;
    }

    private static MemberViewCache.Source<View> pagesOf(List<View> views, AtomicInteger reads) {
        return (after, size) -> {
            reads.incrementAndGet();
            return views.stream()
                    .filter(view -> after == null || view.id().value().compareTo(after.value()) > 0)
                    .limit(size)
                    .toList();
        };
    }

    private static MemberViewCache<View> cache(long maximumSize) {
        return new MemberViewCache<>("test", View::version, maximumSize, true, true);
    }

    /** One warm-up of the cache from a read model holding these views; the views it kept. */
    private static long warmUp(MemberViewCache<View> cache, List<View> views, AtomicInteger reads) {
        MemberViewCache.Source<View> source = pagesOf(views, reads);
        cache.warmUpFrom(source, View::id);
        return cache.fill(source, 0);
    }

    private static Optional<View> fromCacheOnly(MemberViewCache<View> cache, MemberId member) {
        return cache.find(member, null, () -> {
            throw new AssertionError("not kept: " + member);
        });
    }

    @Test
    void warmingUpReadsPagesUntilTheReadModelEndsOrTheCacheIsFull() {
        List<View> views = readModel(2_500);
        AtomicInteger reads = new AtomicInteger();
        MemberViewCache<View> roomy = cache(10_000);

        assertThat(warmUp(roomy, views, reads)).isEqualTo(2_500);
        assertThat(reads).as("three pages, the last one short").hasValue(3);
        for (View view : views) {
            assertThat(fromCacheOnly(roomy, view.id())).contains(view);
        }

        reads.set(0);
        assertThat(warmUp(cache(20), views, reads)).isEqualTo(1_000);
        assertThat(reads).as("one page, then the cache is full").hasValue(1);
    }

    @Test
    void aMemberInvalidatedWhileItsPageIsReadIsNotKept() {
        List<View> views = readModel(10);
        MemberId changed = views.get(4).id();
        MemberViewCache<View> cache = cache(100);
        MemberViewCache.Source<View> invalidatingMidRead = (after, size) -> {
            cache.invalidate(List.of(changed)); // a projection commits a change of the member during the read
            return after == null ? views : List.of();
        };
        cache.warmUpFrom(invalidatingMidRead, View::id);

        assertThat(cache.fill(invalidatingMidRead, 0)).isEqualTo(9);

        AtomicInteger loads = new AtomicInteger();
        cache.find(changed, null, () -> {
            loads.incrementAndGet();
            return Optional.of(new View(changed, 4));
        });
        assertThat(loads).as("read from the read model, not the warm-up's copy").hasValue(1);
    }

    @Test
    void aNewerViewIsNeverReplaced() {
        List<View> views = readModel(50);
        View newer = new View(views.get(0).id(), 9);
        MemberViewCache<View> cache = cache(100);
        cache.find(newer.id(), null, () -> Optional.of(newer));

        assertThat(warmUp(cache, views, new AtomicInteger())).isEqualTo(49);

        assertThat(fromCacheOnly(cache, newer.id())).contains(newer);
    }
}
