package org.memberhub.kernel.activity;

import org.memberhub.kernel.member.MemberId;

/** The activities a member joined, the latest first; answers a list of {@link MemberActivity}. */
public record FindMemberActivitiesQuery(MemberId memberId) {}
