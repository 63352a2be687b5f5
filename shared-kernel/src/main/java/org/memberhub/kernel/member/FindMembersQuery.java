package org.memberhub.kernel.member;

import org.memberhub.kernel.consistency.ConsistencyToken;

/** One page of the member list; {@code page} counts from zero. */
public record FindMembersQuery(
        MemberCriteria criteria, int page, int size, MemberSort sort, ConsistencyToken awaiting) {}
