package org.memberhub.kernel.member;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in the member list in one sort order: the sort key of the last member of a page, from which the next
 * page goes on (keyset paging), however deep. The key is the sorted field's value ({@code value}, as text), then
 * the join time for the level and status sorts, then the member id.
 */
public record MemberCursor(MemberSort sort, String value, Instant joinedAt, MemberId id) {

    public MemberCursor {
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(joinedAt, "joinedAt");
        Objects.requireNonNull(id, "id");
    }
}
