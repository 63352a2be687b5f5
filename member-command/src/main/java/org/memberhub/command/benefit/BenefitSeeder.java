package org.memberhub.command.benefit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitTerms;
import org.memberhub.kernel.benefit.BenefitType;
import org.memberhub.kernel.benefit.CreateBenefitCommand;
import org.memberhub.kernel.benefit.Quota;
import org.memberhub.kernel.benefit.QuotaPeriod;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.loyalty.LevelRule;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Fills an empty catalogue with SPEC §3's tier benefits at start: each level's discount and points multiplier as
 * configured, free shipping from Silver (others may buy it), a birthday gift from Bronze, dedicated customer service
 * and priority shipping for Gold and Diamond. The benefits are ordinary events; instances starting together create
 * each one once (the identifiers are fixed), and a catalogue that ever had a benefit is never seeded again.
 */
@Component
@ConditionalOnProperty(name = "memberhub.benefits.seed-defaults", matchIfMissing = true)
class BenefitSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BenefitSeeder.class);

    private final CommandGateway commands;
    private final BenefitCatalogue catalogue;
    private final LoyaltyRules rules;

    BenefitSeeder(CommandGateway commands, BenefitCatalogue catalogue, LoyaltyRules rules) {
        this.commands = commands;
        this.catalogue = catalogue;
        this.rules = rules;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!catalogue.isEmpty()) {
            return;
        }
        List<CreateBenefitCommand> seeds = defaults(rules);
        int created = 0;
        for (CreateBenefitCommand seed : seeds) {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(seed)
                        .andMetaData(Map.of(AuditMetadata.SOURCE, AuditMetadata.SOURCE_SEED)));
                created++;
            } catch (DomainException e) {
                if (e.code() != ErrorCode.BENEFIT_ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        log.info("Seeded the benefit catalogue with {} of {} default benefits", created, seeds.size());
    }

    static List<CreateBenefitCommand> defaults(LoyaltyRules rules) {
        List<CreateBenefitCommand> seeds = new ArrayList<>();
        for (LevelRule level : rules.levels()) {
            if (level.discount().compareTo(BigDecimal.ONE) < 0) {
                BigDecimal off = BigDecimal.ONE
                        .subtract(level.discount())
                        .movePointRight(2)
                        .stripTrailingZeros();
                seeds.add(seed(
                        "level-" + level.level() + "-discount",
                        level.nameZh() + "折扣",
                        level.nameEn() + " discount",
                        off.toPlainString() + " % off every order",
                        BenefitType.DISCOUNT,
                        level.discount(),
                        List.of(level.level()),
                        null,
                        null));
            }
            if (level.pointsMultiplier().compareTo(BigDecimal.ONE) > 0) {
                seeds.add(seed(
                        "level-" + level.level() + "-points-multiplier",
                        level.nameZh() + "积分加倍",
                        level.nameEn() + " points multiplier",
                        "purchase points × "
                                + level.pointsMultiplier().stripTrailingZeros().toPlainString(),
                        BenefitType.POINTS_MULTIPLIER,
                        level.pointsMultiplier(),
                        List.of(level.level()),
                        null,
                        null));
            }
        }
        int max = rules.maxLevel();
        seeds.add(seed(
                "free-shipping",
                "免运费",
                "Free shipping",
                "Shipping free of charge; members below the levels that get it may buy it with points",
                BenefitType.FREE_SHIPPING,
                null,
                from(3, max),
                new Quota(10, QuotaPeriod.MONTH),
                500L));
        seeds.add(seed(
                "birthday-gift",
                "生日礼",
                "Birthday gift",
                "A gift once a year, in the birthday month",
                BenefitType.BIRTHDAY_GIFT,
                null,
                from(2, max),
                new Quota(1, QuotaPeriod.YEAR),
                null));
        seeds.add(seed(
                "dedicated-service",
                "专属客服",
                "Dedicated customer service",
                null,
                BenefitType.EXCLUSIVE_SERVICE,
                null,
                from(4, max),
                null,
                null));
        seeds.add(seed(
                "priority-shipping",
                "优先发货",
                "Priority shipping",
                null,
                BenefitType.PRIORITY_SHIPPING,
                null,
                from(4, max),
                null,
                null));
        return seeds.stream()
                .filter(seed -> !seed.terms().levels().isEmpty() || seed.terms().pointsPrice() != null)
                .toList();
    }

    private static List<Integer> from(int level, int max) {
        return IntStream.rangeClosed(Math.min(level, max + 1), max).boxed().toList();
    }

    private static CreateBenefitCommand seed(
            String id,
            String nameZh,
            String nameEn,
            String description,
            BenefitType type,
            BigDecimal value,
            List<Integer> levels,
            Quota quota,
            Long price) {
        return new CreateBenefitCommand(
                BenefitId.of(id), new BenefitTerms(nameZh, nameEn, description, type, value, levels, quota, price));
    }
}
