package org.memberhub.kernel.activity;

/** An activity's participants in the order they joined; answers a {@link ParticipantPage}. */
public record FindParticipantsQuery(ActivityId activityId, int page, int size) {}
