package org.memberhub.kernel.activity;

import java.time.Instant;

/** An activity a member joined, with the member's place and reward. */
public record MemberActivity(ActivityView activity, int participantNo, long rewardPoints, Instant joinedAt) {}
