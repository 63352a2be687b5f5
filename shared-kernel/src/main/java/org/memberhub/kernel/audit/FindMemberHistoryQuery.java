package org.memberhub.kernel.audit;

import org.memberhub.kernel.member.MemberId;

/** Every event of a member in order, read from the event store; answers a {@link MemberHistoryPage}. */
public record FindMemberHistoryQuery(MemberId memberId, int page, int size) {}
