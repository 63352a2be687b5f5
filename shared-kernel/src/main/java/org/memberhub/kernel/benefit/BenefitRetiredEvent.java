package org.memberhub.kernel.benefit;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BenefitRetiredEvent(BenefitId benefitId, String reason) {}
