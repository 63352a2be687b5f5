package org.memberhub.kernel.points;

/** What points were spent on. */
public enum SpendPurpose {
    ORDER_DEDUCTION,
    REDEMPTION,
    BENEFIT
}
