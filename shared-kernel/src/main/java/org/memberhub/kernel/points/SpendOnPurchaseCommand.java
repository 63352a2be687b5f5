package org.memberhub.kernel.points;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.member.MemberId;

/**
 * Pays part of a purchase the member already made with points, as the member asks for itself: the order must be a
 * recorded purchase of the member, and the deduction limit is taken from its recorded amount (net of refunds), never
 * from an amount the member declares. The same order id again changes nothing.
 */
public record SpendOnPurchaseCommand(@TargetAggregateIdentifier MemberId memberId, String orderId, long points) {}
