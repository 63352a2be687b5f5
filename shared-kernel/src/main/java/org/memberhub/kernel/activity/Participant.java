package org.memberhub.kernel.activity;

import java.time.Instant;
import org.memberhub.kernel.member.MemberId;

public record Participant(MemberId memberId, int participantNo, int level, long rewardPoints, Instant joinedAt) {}
