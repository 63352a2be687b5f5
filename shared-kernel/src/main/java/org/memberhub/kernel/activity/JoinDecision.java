package org.memberhub.kernel.activity;

import org.memberhub.kernel.member.MemberId;

/** The outcome of a join: the member's place, the points credited, and whether the member had joined already. */
public record JoinDecision(
        ActivityId activityId,
        MemberId memberId,
        int participantNo,
        long rewardPoints,
        int participants,
        boolean duplicate) {}
