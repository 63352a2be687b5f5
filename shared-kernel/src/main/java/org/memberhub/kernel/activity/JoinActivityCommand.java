package org.memberhub.kernel.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.member.MemberId;

/** A member joins an activity; joining again changes nothing. Answers a {@link JoinDecision}. */
public record JoinActivityCommand(@TargetAggregateIdentifier ActivityId activityId, MemberId memberId) {}
