package org.memberhub.kernel.points;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.member.MemberId;

/** Applies every release, expiry and end of a manual level that has fallen due. */
public record ProcessDueTransitionsCommand(@TargetAggregateIdentifier MemberId memberId) {}
