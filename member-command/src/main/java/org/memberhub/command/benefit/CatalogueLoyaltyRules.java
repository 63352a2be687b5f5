package org.memberhub.command.benefit;

import org.memberhub.kernel.benefit.BenefitRules;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.springframework.stereotype.Component;

/**
 * The configured rules with the levels' discounts and points multipliers from the catalogue's active benefits. Until
 * the catalogue has any benefit (it is seeded at start), the configured values hold.
 */
@Component
class CatalogueLoyaltyRules implements LoyaltyRulesSource {

    private final LoyaltyRules configured;
    private final BenefitCatalogue catalogue;

    CatalogueLoyaltyRules(LoyaltyRules configured, BenefitCatalogue catalogue) {
        this.configured = configured;
        this.catalogue = catalogue;
    }

    @Override
    public LoyaltyRules current() {
        var active = catalogue.active();
        if (active.isEmpty() && catalogue.isEmpty()) {
            return configured;
        }
        return BenefitRules.withCatalogue(configured, active);
    }
}
