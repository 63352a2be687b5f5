package org.memberhub.kernel.benefit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.member.MemberId;

/**
 * Buys one use of a benefit for its points price, whatever the member's level and outside its quota; the same
 * purchase id again changes nothing.
 */
public record BuyBenefitCommand(@TargetAggregateIdentifier MemberId memberId, BenefitId benefitId, String purchaseId) {}
