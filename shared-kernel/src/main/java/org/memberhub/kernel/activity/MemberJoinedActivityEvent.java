package org.memberhub.kernel.activity;

import org.axonframework.serialization.Revision;
import org.memberhub.kernel.member.MemberId;

/** A member joined; {@code participantNo} counts from 1 and never exceeds the capacity. */
@Revision("1")
public record MemberJoinedActivityEvent(
        ActivityId activityId, MemberId memberId, int level, int participantNo, long rewardPoints) {}
