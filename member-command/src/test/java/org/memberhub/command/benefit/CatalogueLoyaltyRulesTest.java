package org.memberhub.command.benefit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitRules;
import org.memberhub.kernel.benefit.BenefitStatus;
import org.memberhub.kernel.benefit.BenefitTerms;
import org.memberhub.kernel.loyalty.LoyaltyRules;

class CatalogueLoyaltyRulesTest {

    private static final LoyaltyRules CONFIGURED = LoyaltyRules.defaults(ZoneId.of("Asia/Shanghai"));

    private final CountingCatalogue catalogue = new CountingCatalogue();
    private final CatalogueLoyaltyRules rules = new CatalogueLoyaltyRules(CONFIGURED, catalogue);

    @Test
    void readsTheCatalogueOncePerRevision() {
        List<BenefitTerms> seeds = BenefitSeeder.defaults(CONFIGURED).stream()
                .map(seed -> BenefitRules.normalize(seed.terms(), CONFIGURED.maxLevel()))
                .toList();
        for (int i = 0; i < seeds.size(); i++) {
            catalogue.add(BenefitId.of("seed-" + i), seeds.get(i));
        }

        LoyaltyRules first = rules.current();
        LoyaltyRules second = rules.current();

        assertThat(second).isSameAs(first);
        assertThat(catalogue.reads).isEqualTo(1);

        BenefitTerms retired = seeds.get(0);
        catalogue.update(BenefitId.of("seed-0"), retired, BenefitStatus.RETIRED);
        LoyaltyRules afterChange = rules.current();

        assertThat(catalogue.reads).isEqualTo(2);
        assertThat(afterChange).isNotSameAs(first);
        assertThat(rules.current()).isSameAs(afterChange);
        assertThat(catalogue.reads).isEqualTo(2);
    }

    @Test
    void theConfiguredRulesHoldUntilTheCatalogueHasABenefit() {
        assertThat(rules.current()).isSameAs(CONFIGURED);
    }

    private static final class CountingCatalogue extends InMemoryBenefitCatalogue {

        int reads;

        @Override
        public List<BenefitTerms> active() {
            reads++;
            return super.active();
        }
    }
}
