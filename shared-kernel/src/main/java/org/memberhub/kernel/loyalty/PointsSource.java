package org.memberhub.kernel.loyalty;

/** Why points were earned. */
public enum PointsSource {
    PURCHASE,
    REVIEW,
    CHECK_IN,
    BIRTHDAY,
    ACTIVITY,
    ADJUSTMENT
}
