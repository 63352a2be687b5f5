package org.memberhub.api.level;

import java.util.Locale;
import java.util.Optional;
import org.memberhub.kernel.benefit.LoyaltyRulesSource;
import org.memberhub.kernel.level.ManualLevel;
import org.memberhub.kernel.level.ManualLevelMode;
import org.memberhub.kernel.loyalty.LevelRule;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.loyalty.Money;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Describes a level with the configured rules, in the caller's language. */
@Component
public class LevelDescriber {

    private final LoyaltyRulesSource rules;

    LevelDescriber(LoyaltyRulesSource rules) {
        this.rules = rules;
    }

    /**
     * The rules with the levels' discounts and points multipliers as the benefit catalogue has them now: the same
     * rules the command side decides with, kept in memory until the catalogue changes.
     */
    public LoyaltyRules rules() {
        return rules.current();
    }

    /**
     * The level held, and the progress to the next one that spending can reach (see {@link LevelSummary}): none at
     * the top level, none while a ceiling holds the member at it.
     */
    public LevelSummary describe(int level, Money netSpend, ManualLevel manual) {
        LoyaltyRules rules = rules();
        LevelRule rule = rules.level(Math.max(1, Math.min(level, rules.maxLevel())));
        boolean capped = cappedBy(rule.level(), manual);
        Optional<LevelRule> next = capped ? Optional.empty() : rules.nextLevel(rule.level());
        return new LevelSummary(
                rule.level(),
                name(rule),
                rule.discount(),
                rule.pointsMultiplier(),
                rules.levelFor(netSpend),
                netSpend,
                next.map(LevelRule::level).orElse(null),
                next.map(this::name).orElse(null),
                next.flatMap(ignored -> rules.spendToNextLevel(rule.level(), netSpend))
                        .orElse(null),
                next.isPresent(),
                capped,
                manual,
                manual == null ? null : manual.until());
    }

    /**
     * Whether a manual ceiling holds the member at the level held: the member cannot rise above it however much they
     * spend until it ends. Under a ceiling the member does not (yet) reach, spending still lifts them up to it.
     */
    static boolean cappedBy(int level, ManualLevel manual) {
        return manual != null && manual.mode() == ManualLevelMode.CEILING && level >= manual.level();
    }

    private String name(LevelRule rule) {
        return Locale.CHINESE
                        .getLanguage()
                        .equals(LocaleContextHolder.getLocale().getLanguage())
                ? rule.nameZh()
                : rule.nameEn();
    }
}
