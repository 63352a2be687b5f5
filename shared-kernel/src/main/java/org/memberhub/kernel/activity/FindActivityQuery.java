package org.memberhub.kernel.activity;

/** One activity; answers an optional {@link ActivityView}. */
public record FindActivityQuery(ActivityId activityId) {}
