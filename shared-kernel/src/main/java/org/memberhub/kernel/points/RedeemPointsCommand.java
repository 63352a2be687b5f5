package org.memberhub.kernel.points;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.member.MemberId;

/** Exchanges points for a product; the same redemption id again changes nothing. */
public record RedeemPointsCommand(
        @TargetAggregateIdentifier MemberId memberId, String redemptionId, String productId, long points) {}
