package org.memberhub.kernel.loyalty;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of Chinese yuan, held exactly as a whole number of fen (0.01 yuan), and written in JSON as yuan
 * ({@code 600.00}). Never negative: a reduction is a refund or a spend, not a negative amount.
 */
public record Money(long fen) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    public Money {
        if (fen < 0) {
            throw new IllegalArgumentException("negative amount: " + fen + " fen");
        }
    }

    /**
     * Reads yuan as JSON writes them: a decimal number with at most two decimals.
     *
     * @throws ArithmeticException when the amount has more than two decimals or is too large
     */
    @JsonCreator
    public static Money ofYuan(BigDecimal yuan) {
        return new Money(
                yuan.movePointRight(2).setScale(0, RoundingMode.UNNECESSARY).longValueExact());
    }

    public static Money ofYuan(String yuan) {
        return ofYuan(new BigDecimal(yuan));
    }

    @JsonValue
    public BigDecimal yuan() {
        return BigDecimal.valueOf(fen, 2);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(fen, other.fen));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(fen, other.fen));
    }

    public boolean isZero() {
        return fen == 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(fen, other.fen);
    }

    @Override
    public String toString() {
        return yuan().toPlainString();
    }
}
