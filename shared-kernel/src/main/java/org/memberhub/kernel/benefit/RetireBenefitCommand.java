package org.memberhub.kernel.benefit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a benefit out of the catalogue for good: nobody gets, uses or buys it any more. */
public record RetireBenefitCommand(
        @TargetAggregateIdentifier BenefitId benefitId, String reason, Long expectedVersion) {}
