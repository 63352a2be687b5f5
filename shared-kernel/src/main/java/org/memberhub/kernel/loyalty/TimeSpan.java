package org.memberhub.kernel.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A length of time written in ISO-8601: calendar-based ({@code P2Y}, {@code P1M}, {@code P7D}) or exact
 * ({@code PT30S}, {@code PT12H}). Calendar spans are added in a time zone, so "two years after 29 February" is a
 * calendar date, not 730 days.
 */
public record TimeSpan(Period period, Duration duration) {

    public TimeSpan {
        if ((period == null) == (duration == null)) {
            throw new IllegalArgumentException("exactly one of period and duration");
        }
        if (period != null && period.isNegative() || duration != null && duration.isNegative()) {
            throw new IllegalArgumentException("negative time span");
        }
    }

    /** Parses an ISO-8601 period or duration; the method name lets Spring bind configuration text to it. */
    public static TimeSpan of(String text) {
        Objects.requireNonNull(text, "text");
        String iso = text.trim().toUpperCase();
        if (iso.contains("T")) {
            return new TimeSpan(null, Duration.parse(iso));
        }
        try {
            return new TimeSpan(Period.parse(iso), null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 period or duration: " + text, e);
        }
    }

    public Instant addTo(Instant start, ZoneId zone) {
        return period != null ? start.atZone(zone).plus(period).toInstant() : start.plus(duration);
    }

    @Override
    public String toString() {
        return period != null ? period.toString() : duration.toString();
    }
}
