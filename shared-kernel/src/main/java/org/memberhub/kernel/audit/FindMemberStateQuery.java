package org.memberhub.kernel.audit;

import java.time.Instant;
import org.memberhub.kernel.member.MemberId;

/** A member as its events up to {@code asOf} left it; answers an {@code Optional<MemberState>}. */
public record FindMemberStateQuery(MemberId memberId, Instant asOf) {}
