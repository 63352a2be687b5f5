package org.memberhub.kernel.benefit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.member.MemberId;

/** Uses a benefit the member's level gets, counted against its quota; the same use id again changes nothing. */
public record UseBenefitCommand(@TargetAggregateIdentifier MemberId memberId, BenefitId benefitId, String useId) {}
