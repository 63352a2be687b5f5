package org.memberhub.kernel.points;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** What order systems may send, however they send it (REST or Kafka). */
public final class OrderRules {

    /** Order, refund, redemption and product ids as order systems write them. */
    public static final String REFERENCE = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";

    /** The largest amount of one order, in yuan. */
    public static final String MAX_AMOUNT = "100000000.00";

    /** The one currency accepted. */
    public static final String CURRENCY = "CNY";

    private static final Pattern REFERENCE_PATTERN = Pattern.compile(REFERENCE);
    private static final BigDecimal MAX = new BigDecimal(MAX_AMOUNT);

    private OrderRules() {}

    public static boolean isReference(String value) {
        return value != null && REFERENCE_PATTERN.matcher(value).matches();
    }

    /** An amount of at least 0.01 and at most {@link #MAX_AMOUNT} yuan, with at most two decimals. */
    public static boolean isAmount(BigDecimal amount) {
        return amount != null
                && amount.signum() > 0
                && amount.compareTo(MAX) <= 0
                && amount.stripTrailingZeros().scale() <= 2;
    }
}
