package org.memberhub.kernel.benefit;

import java.time.Instant;

/** A benefit of the catalogue; {@code version} is the sequence number of its last event. */
public record BenefitView(BenefitId id, BenefitTerms terms, BenefitStatus status, Instant updatedAt, long version) {}
