package org.memberhub.kernel.points;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.member.MemberId;

/**
 * Cancels the points deduction of an order that never completed (no purchase recorded): everything spent on it that
 * has not come back yet is given back. Cancelling again changes nothing.
 */
public record CancelDeductionCommand(@TargetAggregateIdentifier MemberId memberId, String orderId) {}
