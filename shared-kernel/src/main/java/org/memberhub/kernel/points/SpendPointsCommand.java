package org.memberhub.kernel.points;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberId;

/** Pays part of an order with points; the same order id again changes nothing. */
public record SpendPointsCommand(
        @TargetAggregateIdentifier MemberId memberId, String orderId, Money orderAmount, long points) {}
