package org.memberhub.command.benefit;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.memberhub.kernel.benefit.BenefitRules;
import org.memberhub.kernel.benefit.LoyaltyRulesSource;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.springframework.stereotype.Component;

/**
 * The configured rules with the levels' discounts and points multipliers from the catalogue's active benefits. Until
 * the catalogue has any benefit (it is seeded at start), the configured values hold.
 *
 * <p>The rules are built once per change of the catalogue: each call reads the catalogue's revision (one primary-key
 * lookup) and reads the catalogue again only when it is no longer the revision the rules were built from, whichever
 * instance changed it. Both the command side (purchases) and the API (level descriptions) ask here. Within a unit of
 * work (a command, or a batch of them in one transaction) the revision is read once: its commands decide by the same
 * rules.
 */
@Component
class CatalogueLoyaltyRules implements LoyaltyRulesSource {

    private static final String RULES = CatalogueLoyaltyRules.class.getName() + ".rules";

    private final LoyaltyRules configured;
    private final BenefitCatalogue catalogue;
    private volatile Built built;

    CatalogueLoyaltyRules(LoyaltyRules configured, BenefitCatalogue catalogue) {
        this.configured = configured;
        this.catalogue = catalogue;
    }

    @Override
    public LoyaltyRules current() {
        if (CurrentUnitOfWork.isStarted()) {
            return CurrentUnitOfWork.get().root().getOrComputeResource(RULES, key -> read());
        }
        return read();
    }

    private LoyaltyRules read() {
        long revision = catalogue.revision();
        Built known = built;
        if (known != null && known.revision() == revision) {
            return known.rules();
        }
        // read after the revision: rules newer than it are only rebuilt once more, never kept stale
        Built fresh = new Built(revision, build());
        built = fresh;
        return fresh.rules();
    }

    private LoyaltyRules build() {
        var active = catalogue.active();
        if (active.isEmpty() && catalogue.isEmpty()) {
            return configured;
        }
        return BenefitRules.withCatalogue(configured, active);
    }

    private record Built(long revision, LoyaltyRules rules) {}
}
