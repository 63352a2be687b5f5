package org.memberhub.kernel.activity;

/** Activities, newest first, optionally of one status; answers an {@link ActivityPage}. */
public record FindActivitiesQuery(ActivityStatus status, int page, int size) {}
