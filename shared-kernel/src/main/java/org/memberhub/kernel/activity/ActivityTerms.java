package org.memberhub.kernel.activity;

import java.time.Instant;
import java.util.List;

/**
 * What staff say about an activity (a campaign).
 *
 * @param startsAt members may join from this instant
 * @param endsAt until (excluding) this instant
 * @param levels the levels that may join, ascending; empty for every level
 * @param capacity the most members that may join
 * @param rewardPoints points credited to a member on joining (0 for none)
 */
public record ActivityTerms(
        String name,
        String description,
        Instant startsAt,
        Instant endsAt,
        List<Integer> levels,
        int capacity,
        long rewardPoints) {

    public ActivityTerms {
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    public boolean open(int level) {
        return levels.isEmpty() || levels.contains(level);
    }

    public boolean within(Instant instant) {
        return !instant.isBefore(startsAt) && instant.isBefore(endsAt);
    }
}
