package org.memberhub.kernel.points;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.member.MemberId;

/** Adds (delta > 0) or removes points by staff decision; the same adjustment id again changes nothing. */
public record AdjustPointsCommand(
        @TargetAggregateIdentifier MemberId memberId, String adjustmentId, long delta, String reason) {}
