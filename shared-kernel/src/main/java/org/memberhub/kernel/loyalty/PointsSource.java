package org.memberhub.kernel.loyalty;

/** Why points were earned, or came back: a refund or cancel giving back points spent on an order. */
public enum PointsSource {
    PURCHASE,
    REVIEW,
    CHECK_IN,
    BIRTHDAY,
    ACTIVITY,
    ADJUSTMENT,
    REFUND,
    CANCEL
}
