package org.memberhub.kernel.benefit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateBenefitCommand(@TargetAggregateIdentifier BenefitId benefitId, BenefitTerms terms) {}
