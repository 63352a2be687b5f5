package org.memberhub.kernel.benefit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a benefit's terms; {@code expectedVersion}, when given, must be the benefit's current version. */
public record ChangeBenefitCommand(
        @TargetAggregateIdentifier BenefitId benefitId, BenefitTerms terms, Long expectedVersion) {}
