package org.memberhub.kernel.activity;

/** DRAFT until staff open it; members join only while it is OPEN and inside its window; CLOSED is final. */
public enum ActivityStatus {
    DRAFT,
    OPEN,
    CLOSED
}
