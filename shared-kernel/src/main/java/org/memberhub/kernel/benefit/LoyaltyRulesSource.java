package org.memberhub.kernel.benefit;

import org.memberhub.kernel.loyalty.LoyaltyRules;

/** The loyalty rules in force now: the configuration with the levels' discounts and multipliers from the catalogue. */
@FunctionalInterface
public interface LoyaltyRulesSource {

    LoyaltyRules current();
}
