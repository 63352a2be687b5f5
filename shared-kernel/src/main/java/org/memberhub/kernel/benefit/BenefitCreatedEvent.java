package org.memberhub.kernel.benefit;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BenefitCreatedEvent(BenefitId benefitId, BenefitTerms terms) {}
