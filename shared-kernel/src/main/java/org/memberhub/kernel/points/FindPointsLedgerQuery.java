package org.memberhub.kernel.points;

import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.member.MemberId;

/** Newest entries first. */
public record FindPointsLedgerQuery(MemberId memberId, int page, int size, ConsistencyToken awaiting) {}
