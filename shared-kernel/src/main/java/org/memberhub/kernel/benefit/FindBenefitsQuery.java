package org.memberhub.kernel.benefit;

/** The catalogue, retired benefits included or not; answers a list of {@link BenefitView}. */
public record FindBenefitsQuery(boolean includeRetired) {}
