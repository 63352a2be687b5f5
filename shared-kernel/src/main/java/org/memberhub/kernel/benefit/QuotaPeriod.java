package org.memberhub.kernel.benefit;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

/** The calendar period a quota counts uses in, in the member's time zone. */
public enum QuotaPeriod {
    DAY,
    WEEK,
    MONTH,
    YEAR;

    /** Names the period that contains {@code day}: {@code 2026-11-23}, {@code 2026-W48}, {@code 2026-11}, {@code 2026}. */
    public String key(LocalDate day) {
        return switch (this) {
            case DAY -> day.toString();
            case WEEK -> "%d-W%02d"
                    .formatted(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> "%d-%02d".formatted(day.getYear(), day.getMonthValue());
            case YEAR -> Integer.toString(day.getYear());
        };
    }
}
