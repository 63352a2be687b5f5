package org.memberhub.perf;

import java.util.Locale;

/** Numbers for people: thousands apart, sensible precision, a dash for what was not measured. */
final class Format {

    static final String NONE = "–";

    private Format() {}

    static String number(Double value) {
        if (value == null || value.isNaN()) {
            return NONE;
        }
        double abs = Math.abs(value);
        if (abs >= 1000 || value == Math.rint(value) && abs < 1e15) {
            return String.format(Locale.ROOT, "%,d", Math.round(value)).replace(',', ' ');
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 0.1 || abs == 0) {
            return String.format(Locale.ROOT, "%.2f", value)
                    .replaceAll("\\.?0+$", "")
                    .replace("-0", "0");
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** A count: thousands apart, no decimals. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value).replace(',', ' ');
    }

    static String number(double value) {
        return number(Double.valueOf(value));
    }

    static String ms(Double value) {
        return value == null ? NONE : number(value) + " ms";
    }

    static String percent(Double value) {
        return value == null ? NONE : number(value) + " %";
    }

    static String verdict(Boolean met) {
        return met == null ? "" : met ? " ✓" : " ✗";
    }
}
