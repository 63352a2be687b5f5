package org.memberhub.command.member;

import static org.memberhub.command.member.PointRules.requireReference;

import java.time.LocalDate;
import org.memberhub.command.benefit.BenefitCatalogue;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitStatus;
import org.memberhub.kernel.benefit.BenefitTerms;
import org.memberhub.kernel.benefit.BenefitUseDecision;
import org.memberhub.kernel.benefit.BenefitUsedEvent;
import org.memberhub.kernel.benefit.BuyBenefitCommand;
import org.memberhub.kernel.benefit.UseBenefitCommand;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;

/**
 * A member uses the active benefits its level gets, within a benefit's quota of free uses per calendar period in the
 * member's time zone, or buys single uses of a benefit for its points price whatever the level and outside any quota.
 * The same use id again changes nothing.
 */
final class BenefitUseRules {

    private BenefitUseRules() {}

    static Decided<BenefitUseDecision> use(
            Deciding d, BenefitUses benefits, BenefitCatalogue catalogue, UseBenefitCommand command) {
        requireReference(command.useId());
        BenefitUseDecision known = benefits.known(command.useId(), command.benefitId());
        if (known != null) {
            return Decided.again(known);
        }
        BenefitTerms terms = activeBenefit(catalogue, command.benefitId());
        int level = d.state().level();
        if (!terms.grantedTo(level)) {
            throw new DomainException(
                    ErrorCode.BENEFIT_NOT_GRANTED, command.benefitId().value(), level);
        }
        String period =
                terms.quota() == null ? null : terms.quota().period().key(LocalDate.ofInstant(d.now(), d.zone()));
        if (period != null
                && benefits.freeUses(command.benefitId(), period)
                        >= terms.quota().uses()) {
            throw new DomainException(
                    ErrorCode.BENEFIT_QUOTA_EXHAUSTED,
                    command.benefitId().value(),
                    terms.quota().uses(),
                    period);
        }
        d.apply(new BenefitUsedEvent(d.id(), command.benefitId(), command.useId(), terms.type(), level, period, 0));
        return Decided.fresh(benefits.decision(command.useId(), terms));
    }

    static Decided<BenefitUseDecision> buy(
            Deciding d, BenefitUses benefits, BenefitCatalogue catalogue, BuyBenefitCommand command) {
        requireReference(command.purchaseId());
        BenefitUseDecision known = benefits.known(command.purchaseId(), command.benefitId());
        if (known != null) {
            return Decided.again(known);
        }
        BenefitTerms terms = activeBenefit(catalogue, command.benefitId());
        if (terms.pointsPrice() == null) {
            throw new DomainException(
                    ErrorCode.BENEFIT_NOT_FOR_SALE, command.benefitId().value());
        }
        SpendingRules.buyBenefit(d, command.purchaseId(), command.benefitId().value(), terms.pointsPrice());
        d.apply(new BenefitUsedEvent(
                d.id(),
                command.benefitId(),
                command.purchaseId(),
                terms.type(),
                d.state().level(),
                null,
                terms.pointsPrice()));
        return Decided.fresh(benefits.decision(command.purchaseId(), terms));
    }

    private static BenefitTerms activeBenefit(BenefitCatalogue catalogue, BenefitId id) {
        BenefitCatalogue.Entry entry =
                catalogue.find(id).orElseThrow(() -> new DomainException(ErrorCode.BENEFIT_NOT_FOUND, id.value()));
        if (entry.status() == BenefitStatus.RETIRED) {
            throw new DomainException(ErrorCode.BENEFIT_RETIRED, id.value());
        }
        return entry.terms();
    }
}
