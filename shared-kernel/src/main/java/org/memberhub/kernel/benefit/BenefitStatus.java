package org.memberhub.kernel.benefit;

public enum BenefitStatus {
    ACTIVE,
    RETIRED
}
