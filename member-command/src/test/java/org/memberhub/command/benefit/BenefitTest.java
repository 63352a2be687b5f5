package org.memberhub.command.benefit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.command.testing.Refusals.refusedWith;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.benefit.BenefitChangedEvent;
import org.memberhub.kernel.benefit.BenefitCreatedEvent;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitRetiredEvent;
import org.memberhub.kernel.benefit.BenefitRules;
import org.memberhub.kernel.benefit.BenefitStatus;
import org.memberhub.kernel.benefit.BenefitTerms;
import org.memberhub.kernel.benefit.BenefitType;
import org.memberhub.kernel.benefit.ChangeBenefitCommand;
import org.memberhub.kernel.benefit.CreateBenefitCommand;
import org.memberhub.kernel.benefit.Quota;
import org.memberhub.kernel.benefit.QuotaPeriod;
import org.memberhub.kernel.benefit.RetireBenefitCommand;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.loyalty.LoyaltyRules;

class BenefitTest {

    private static final LoyaltyRules RULES = LoyaltyRules.defaults(ZoneId.of("Asia/Shanghai"));
    private static final BenefitId ID = BenefitId.of("gold-gift");
    private static final BenefitTerms GIFT = new BenefitTerms(
            "金牌礼", "Gold gift", null, BenefitType.GIFT, null, List.of(4, 5), new Quota(1, QuotaPeriod.YEAR), null);

    private FixtureConfiguration<Benefit> fixture;
    private InMemoryBenefitCatalogue catalogue;

    @BeforeEach
    void setUp() {
        catalogue = new InMemoryBenefitCatalogue();
        fixture = new AggregateTestFixture<>(Benefit.class);
        fixture.registerInjectableResource(RULES);
        fixture.registerInjectableResource(catalogue);
    }

    @Test
    void createsWithNormalizedTermsAndWritesTheCatalogue() {
        BenefitTerms entered = new BenefitTerms(
                " 金牌礼 ",
                "Gold gift ",
                " ",
                BenefitType.GIFT,
                null,
                List.of(5, 4, 5),
                new Quota(1, QuotaPeriod.YEAR),
                null);
        fixture.givenNoPriorActivity()
                .when(new CreateBenefitCommand(ID, entered))
                .expectEvents(new BenefitCreatedEvent(ID, GIFT));
        assertThat(catalogue.find(ID).orElseThrow().terms()).isEqualTo(GIFT);
    }

    @Test
    void refusesAnIdInUse() {
        catalogue.add(ID, GIFT);
        fixture.givenNoPriorActivity()
                .when(new CreateBenefitCommand(ID, GIFT))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.BENEFIT_ALREADY_EXISTS));
    }

    @Test
    void refusesTermsThatMakeNoSense() {
        List<BenefitTerms> invalid = List.of(
                new BenefitTerms("a", "a", null, BenefitType.DISCOUNT, null, List.of(2), null, null),
                new BenefitTerms("a", "a", null, BenefitType.DISCOUNT, new BigDecimal("1.1"), List.of(2), null, null),
                new BenefitTerms(
                        "a", "a", null, BenefitType.POINTS_MULTIPLIER, new BigDecimal("0.5"), List.of(2), null, null),
                new BenefitTerms("a", "a", null, BenefitType.GIFT, BigDecimal.ONE, List.of(2), null, null),
                new BenefitTerms("a", "a", null, BenefitType.GIFT, null, List.of(6), null, null),
                new BenefitTerms("a", "a", null, BenefitType.GIFT, null, List.of(), null, null),
                new BenefitTerms(
                        "a", "a", null, BenefitType.GIFT, null, List.of(1), new Quota(0, QuotaPeriod.DAY), null),
                new BenefitTerms("a", "a", null, BenefitType.GIFT, null, List.of(1), null, 0L),
                new BenefitTerms(" ", "a", null, BenefitType.GIFT, null, List.of(1), null, null),
                new BenefitTerms("a", "a", null, BenefitType.DISCOUNT, new BigDecimal("0.9"), List.of(2), null, 100L));
        for (BenefitTerms terms : invalid) {
            fixture.givenNoPriorActivity()
                    .when(new CreateBenefitCommand(ID, terms))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INVALID_BENEFIT));
        }
    }

    @Test
    void changesTermsButNotTheType() {
        BenefitTerms changed =
                new BenefitTerms("金牌礼", "Gold gift", "new", BenefitType.GIFT, null, List.of(3, 4, 5), null, 900L);
        catalogue.add(ID, GIFT);
        fixture.given(new BenefitCreatedEvent(ID, GIFT))
                .when(new ChangeBenefitCommand(ID, changed, 0L))
                .expectEvents(new BenefitChangedEvent(ID, changed));
        fixture.given(new BenefitCreatedEvent(ID, GIFT))
                .when(new ChangeBenefitCommand(
                        ID,
                        new BenefitTerms("a", "a", null, BenefitType.FREE_SHIPPING, null, List.of(4), null, null),
                        null))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.INVALID_BENEFIT));
        fixture.given(new BenefitCreatedEvent(ID, GIFT))
                .when(new ChangeBenefitCommand(ID, changed, 7L))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.VERSION_MISMATCH));
    }

    @Test
    void retiresOnceAndThenRefusesChanges() {
        catalogue.add(ID, GIFT);
        fixture.given(new BenefitCreatedEvent(ID, GIFT))
                .when(new RetireBenefitCommand(ID, " old ", null))
                .expectEvents(new BenefitRetiredEvent(ID, "old"));
        assertThat(catalogue.find(ID).orElseThrow().status()).isEqualTo(BenefitStatus.RETIRED);
        fixture.given(new BenefitCreatedEvent(ID, GIFT), new BenefitRetiredEvent(ID, null))
                .when(new RetireBenefitCommand(ID, null, null))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.BENEFIT_RETIRED));
    }

    @Test
    void theSeedsAreValidAndGiveTheConfiguredDiscountsAndMultipliers() {
        List<CreateBenefitCommand> seeds = BenefitSeeder.defaults(RULES);
        List<BenefitTerms> terms = seeds.stream()
                .map(seed -> BenefitRules.normalize(seed.terms(), RULES.maxLevel()))
                .toList();
        LoyaltyRules derived = BenefitRules.withCatalogue(RULES, terms);
        for (int level = 1; level <= RULES.maxLevel(); level++) {
            assertThat(derived.level(level).discount())
                    .as("discount of level %d", level)
                    .isEqualByComparingTo(RULES.level(level).discount());
            assertThat(derived.level(level).pointsMultiplier())
                    .as("points multiplier of level %d", level)
                    .isEqualByComparingTo(RULES.level(level).pointsMultiplier());
        }
    }
}
