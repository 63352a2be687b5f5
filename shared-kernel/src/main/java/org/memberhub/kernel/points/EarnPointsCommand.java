package org.memberhub.kernel.points;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.member.MemberId;

/** Earns review points (for {@code orderId}), check-in points (today) or birthday points (this year). */
public record EarnPointsCommand(@TargetAggregateIdentifier MemberId memberId, EarnType type, String orderId) {}
