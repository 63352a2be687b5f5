package org.memberhub.kernel.member;

import org.memberhub.kernel.consistency.ConsistencyToken;

/**
 * One page of the member list: the page numbered {@code page} (from zero), or, with {@code after}, the {@code size}
 * members that follow that position (keyset paging, for deep pages).
 */
public record FindMembersQuery(
        MemberCriteria criteria, int page, int size, MemberSort sort, ConsistencyToken awaiting, MemberCursor after) {

    public FindMembersQuery(MemberCriteria criteria, int page, int size, MemberSort sort, ConsistencyToken awaiting) {
        this(criteria, page, size, sort, awaiting, null);
    }
}
