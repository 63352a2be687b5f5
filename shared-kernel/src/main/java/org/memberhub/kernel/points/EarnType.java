package org.memberhub.kernel.points;

/** Points a member earns by doing something other than buying. */
public enum EarnType {
    REVIEW,
    CHECK_IN,
    BIRTHDAY
}
