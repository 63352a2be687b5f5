package org.memberhub.perf;

import java.time.Duration;
import java.util.Locale;

/** Durations as people type them: {@code 90s}, {@code 10m}, {@code 1h}, {@code 500ms}, ISO-8601 or plain seconds. */
final class Durations {

    private Durations() {}

    static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.replaceAll("[smhd]$", ""));
        return switch (value.charAt(value.length() - 1)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** {@code 45 s}, {@code 12 min}, {@code 1 h 30 min}. */
    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return (seconds + 30) / 60 + " min";
        }
        long minutes = (seconds + 30) / 60;
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
