package org.memberhub.kernel.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of the loyalty programme (SPEC §3 "Levels" and "Points"), as configured. Everything that earns, spends
 * or moves a member between levels is decided with these rules; their defaults are the SPEC's.
 *
 * @param levels the levels in ascending order, numbered from 1, the first with threshold 0
 * @param purchasePointsPerYuan points per yuan of a purchase, before the level's multiplier
 * @param returnWindow how long purchase points stay pending (the order can still be returned)
 * @param lotLifetime how long after earning points expire
 * @param pointsPerYuan how many points pay one yuan of an order
 * @param maxDeductionShare the largest share of an order's amount that points may pay
 * @param defaultTimeZone the time zone of members who have not chosen one (check-in days, birthdays)
 */
public record LoyaltyRules(
        List<LevelRule> levels,
        BigDecimal purchasePointsPerYuan,
        TimeSpan returnWindow,
        TimeSpan lotLifetime,
        long reviewPoints,
        long checkInPoints,
        long birthdayPoints,
        long pointsPerYuan,
        BigDecimal maxDeductionShare,
        ZoneId defaultTimeZone) {

    public static final List<LevelRule> DEFAULT_LEVELS = List.of(
            new LevelRule(1, "注册会员", "Registered", new BigDecimal("0"), BigDecimal.ONE, BigDecimal.ONE),
            new LevelRule(2, "铜牌会员", "Bronze", new BigDecimal("500"), new BigDecimal("0.95"), BigDecimal.ONE),
            new LevelRule(3, "银牌会员", "Silver", new BigDecimal("2000"), new BigDecimal("0.90"), new BigDecimal("1.2")),
            new LevelRule(4, "金牌会员", "Gold", new BigDecimal("5000"), new BigDecimal("0.85"), new BigDecimal("1.5")),
            new LevelRule(5, "钻石会员", "Diamond", new BigDecimal("10000"), new BigDecimal("0.80"), new BigDecimal("2")));

    public LoyaltyRules {
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("at least one level");
        }
        for (int i = 0; i < levels.size(); i++) {
            LevelRule rule = levels.get(i);
            if (rule.level() != i + 1) {
                throw new IllegalArgumentException("levels must be numbered 1, 2, ... in order");
            }
            if (i == 0
                    ? rule.threshold().signum() != 0
                    : rule.threshold().compareTo(levels.get(i - 1).threshold()) <= 0) {
                throw new IllegalArgumentException("thresholds must start at 0 and increase");
            }
            if (rule.discount().signum() <= 0 || rule.discount().compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("a discount is the share of the price paid, in (0, 1]");
            }
            if (rule.pointsMultiplier().signum() < 0) {
                throw new IllegalArgumentException("negative points multiplier");
            }
            Money.ofYuan(rule.threshold());
        }
        Objects.requireNonNull(returnWindow, "returnWindow");
        Objects.requireNonNull(lotLifetime, "lotLifetime");
        Objects.requireNonNull(defaultTimeZone, "defaultTimeZone");
        if (purchasePointsPerYuan.signum() < 0 || reviewPoints < 0 || checkInPoints < 0 || birthdayPoints < 0) {
            throw new IllegalArgumentException("points earned cannot be negative");
        }
        if (pointsPerYuan <= 0) {
            throw new IllegalArgumentException("pointsPerYuan must be positive");
        }
        if (maxDeductionShare.signum() < 0 || maxDeductionShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("maxDeductionShare must be in [0, 1]");
        }
    }

    /** The SPEC's rules: 1 point per yuan, 7-day return window, 2-year lots, 10/5/100 points, 100 points = 1 yuan. */
    public static LoyaltyRules defaults(ZoneId timeZone) {
        return new LoyaltyRules(
                DEFAULT_LEVELS,
                BigDecimal.ONE,
                TimeSpan.of("P7D"),
                TimeSpan.of("P2Y"),
                10,
                5,
                100,
                100,
                new BigDecimal("0.5"),
                timeZone);
    }

    /** The same rules with other levels (say, the discounts and multipliers of the benefit catalogue). */
    public LoyaltyRules withLevels(List<LevelRule> others) {
        return new LoyaltyRules(
                others,
                purchasePointsPerYuan,
                returnWindow,
                lotLifetime,
                reviewPoints,
                checkInPoints,
                birthdayPoints,
                pointsPerYuan,
                maxDeductionShare,
                defaultTimeZone);
    }

    public int maxLevel() {
        return levels.size();
    }

    public LevelRule level(int level) {
        if (level < 1 || level > levels.size()) {
            throw new IllegalArgumentException("no level " + level);
        }
        return levels.get(level - 1);
    }

    /** The highest level whose threshold the net qualifying spend reaches. */
    public int levelFor(Money netSpend) {
        return levels.stream()
                .filter(rule -> Money.ofYuan(rule.threshold()).compareTo(netSpend) <= 0)
                .max(Comparator.comparingInt(LevelRule::level))
                .orElseThrow()
                .level();
    }

    public Optional<LevelRule> nextLevel(int level) {
        return level < levels.size() ? Optional.of(levels.get(level)) : Optional.empty();
    }

    /** What a member at {@code netSpend} still has to spend to reach the level above {@code level}, if any. */
    public Optional<Money> spendToNextLevel(int level, Money netSpend) {
        return nextLevel(level).map(next -> {
            Money threshold = Money.ofYuan(next.threshold());
            return threshold.compareTo(netSpend) > 0 ? threshold.minus(netSpend) : Money.ZERO;
        });
    }

    /** Points a purchase earns at a level: yuan × points per yuan × the level's multiplier, rounded down. */
    public long purchasePoints(Money amount, int level) {
        return amount.yuan()
                .multiply(purchasePointsPerYuan)
                .multiply(level(level).pointsMultiplier())
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }

    /** The most points an order of the given amount may be paid with. */
    public long maxDeductionPoints(Money orderAmount) {
        return orderAmount
                .yuan()
                .multiply(maxDeductionShare)
                .multiply(BigDecimal.valueOf(pointsPerYuan))
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }

    /** What the given points pay of an order, rounded down to the fen. */
    public Money deductionValue(long points) {
        return new Money(Math.multiplyExact(points, 100L) / pointsPerYuan);
    }
}
