package org.memberhub.kernel.benefit;

/** One benefit; answers an optional {@link BenefitView}. */
public record FindBenefitQuery(BenefitId benefitId) {}
