package org.memberhub.kernel.level;

/** Why a manual level ended: its end date passed, or staff ended it. */
public enum AdjustmentEnd {
    EXPIRED,
    CLEARED
}
