package org.memberhub.kernel.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * The reports of the stats API, each projected into the {@code reporting} schema (SPEC §3 "Analytics"). Reports per
 * day take a date range.
 */
public enum Report {
    MEMBERS_BY_LEVEL_AND_STATUS("members-by-level-and-status", false),
    NEW_MEMBERS_PER_DAY("new-members-per-day", true),
    TENURE_DISTRIBUTION("tenure-distribution", false),
    POINTS_PER_DAY("points-per-day", true),
    POINTS_LIABILITY("points-liability", false),
    POINTS_EXPIRING("points-expiring", false),
    BENEFIT_USAGE("benefit-usage", true),
    ACTIVITY_PARTICIPATION("activity-participation", false),
    LEVEL_MOVEMENTS_PER_DAY("level-movements-per-day", true);

    private final String slug;
    private final boolean daily;

    Report(String slug, boolean daily) {
        this.slug = slug;
        this.daily = daily;
    }

    /** The report's name in URLs and file names. */
    public String slug() {
        return slug;
    }

    /** Whether the report has one row per day and takes a date range. */
    public boolean daily() {
        return daily;
    }

    public static Optional<Report> bySlug(String slug) {
        return Arrays.stream(values()).filter(r -> r.slug.equals(slug)).findFirst();
    }
}
