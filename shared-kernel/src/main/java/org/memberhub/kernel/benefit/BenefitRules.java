package org.memberhub.kernel.benefit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.loyalty.LevelRule;
import org.memberhub.kernel.loyalty.LoyaltyRules;

/** Checks and normalizes benefit terms, and derives the levels' discounts and multipliers from the catalogue. */
public final class BenefitRules {

    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 1000;
    public static final int MAX_QUOTA = 1000;
    public static final long MAX_PRICE = 100_000_000L;
    private static final BigDecimal MAX_MULTIPLIER = BigDecimal.TEN;

    private BenefitRules() {}

    /** The terms with trimmed texts and sorted, distinct levels; refuses terms that make no sense. */
    public static BenefitTerms normalize(BenefitTerms terms, int maxLevel) {
        String nameZh = text(terms.nameZh(), "nameZh", MAX_NAME, true);
        String nameEn = text(terms.nameEn(), "nameEn", MAX_NAME, true);
        String description = text(terms.description(), "description", MAX_DESCRIPTION, false);
        if (terms.type() == null) {
            throw invalid("type is required");
        }
        BigDecimal value = terms.value();
        if (terms.type().valued()) {
            if (value == null) {
                throw invalid("a " + terms.type() + " benefit needs a value");
            }
            value = value.stripTrailingZeros();
            if (terms.type() == BenefitType.DISCOUNT
                    && (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) >= 0 || value.scale() > 4)) {
                throw invalid("a discount is the share of the price paid, above 0 and below 1 (0.9 = 10 % off)");
            }
            if (terms.type() == BenefitType.POINTS_MULTIPLIER
                    && (value.compareTo(BigDecimal.ONE) <= 0
                            || value.compareTo(MAX_MULTIPLIER) > 0
                            || value.scale() > 4)) {
                throw invalid("a points multiplier is above 1 and at most 10");
            }
        } else if (value != null) {
            throw invalid("only discounts and points multipliers have a value");
        }
        if (terms.levels().isEmpty() && terms.pointsPrice() == null) {
            throw invalid("a benefit needs levels that get it or a points price");
        }
        TreeSet<Integer> levels = new TreeSet<>();
        for (Integer level : terms.levels()) {
            if (level == null || level < 1 || level > maxLevel) {
                throw invalid("levels are 1 to " + maxLevel);
            }
            levels.add(level);
        }
        Quota quota = terms.quota();
        if (quota != null && (quota.period() == null || quota.uses() < 1 || quota.uses() > MAX_QUOTA)) {
            throw invalid("a quota is 1 to " + MAX_QUOTA + " uses per DAY, WEEK, MONTH or YEAR");
        }
        Long price = terms.pointsPrice();
        if (price != null && (price < 1 || price > MAX_PRICE)) {
            throw invalid("a points price is 1 to " + MAX_PRICE);
        }
        if (terms.type().valued() && price != null) {
            throw invalid("discounts and points multipliers are level terms and cannot be bought");
        }
        return new BenefitTerms(nameZh, nameEn, description, terms.type(), value, List.copyOf(levels), quota, price);
    }

    /**
     * The rules with each level's discount and points multiplier taken from the active benefits: the lowest price share
     * of the discounts the level gets (1, no discount, if none) and the highest multiplier (1 if none).
     */
    public static LoyaltyRules withCatalogue(LoyaltyRules rules, Collection<BenefitTerms> active) {
        List<LevelRule> levels = new ArrayList<>();
        for (LevelRule level : rules.levels()) {
            BigDecimal discount = BigDecimal.ONE;
            BigDecimal multiplier = BigDecimal.ONE;
            for (BenefitTerms terms : active) {
                if (!terms.grantedTo(level.level())) {
                    continue;
                }
                if (terms.type() == BenefitType.DISCOUNT) {
                    discount = discount.min(terms.value());
                } else if (terms.type() == BenefitType.POINTS_MULTIPLIER) {
                    multiplier = multiplier.max(terms.value());
                }
            }
            levels.add(new LevelRule(
                    level.level(), level.nameZh(), level.nameEn(), level.threshold(), discount, multiplier));
        }
        return rules.withLevels(levels);
    }

    private static String text(String value, String field, int max, boolean required) {
        String trimmed = value == null ? null : value.strip();
        if (trimmed == null || trimmed.isEmpty()) {
            if (required) {
                throw invalid(field + " is required");
            }
            return null;
        }
        if (trimmed.length() > max) {
            throw invalid(field + " is longer than " + max + " characters");
        }
        return trimmed;
    }

    private static DomainException invalid(String reason) {
        return new DomainException(ErrorCode.INVALID_BENEFIT, reason);
    }
}
