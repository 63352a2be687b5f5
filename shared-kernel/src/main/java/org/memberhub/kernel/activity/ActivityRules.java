package org.memberhub.kernel.activity;

import java.util.List;
import java.util.TreeSet;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;

/** Checks and normalizes activity terms. */
public final class ActivityRules {

    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_CAPACITY = 1_000_000;
    public static final long MAX_REWARD = 1_000_000L;

    private ActivityRules() {}

    public static ActivityTerms normalize(ActivityTerms terms, int maxLevel) {
        String name = terms.name() == null ? "" : terms.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw invalid("name is required, up to " + MAX_NAME + " characters");
        }
        String description = terms.description() == null || terms.description().isBlank()
                ? null
                : terms.description().strip();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw invalid("description is longer than " + MAX_DESCRIPTION + " characters");
        }
        if (terms.startsAt() == null
                || terms.endsAt() == null
                || !terms.endsAt().isAfter(terms.startsAt())) {
            throw invalid("an activity starts before it ends");
        }
        if (terms.capacity() < 1 || terms.capacity() > MAX_CAPACITY) {
            throw invalid("capacity is 1 to " + MAX_CAPACITY);
        }
        if (terms.rewardPoints() < 0 || terms.rewardPoints() > MAX_REWARD) {
            throw invalid("reward points are 0 to " + MAX_REWARD);
        }
        TreeSet<Integer> levels = new TreeSet<>();
        for (Integer level : terms.levels()) {
            if (level == null || level < 1 || level > maxLevel) {
                throw invalid("levels are 1 to " + maxLevel);
            }
            levels.add(level);
        }
        return new ActivityTerms(
                name,
                description,
                terms.startsAt(),
                terms.endsAt(),
                List.copyOf(levels),
                terms.capacity(),
                terms.rewardPoints());
    }

    private static DomainException invalid(String reason) {
        return new DomainException(ErrorCode.INVALID_ACTIVITY, reason);
    }
}
