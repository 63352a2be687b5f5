package org.memberhub.kernel.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.member.MemberId;

/**
 * Credits a member the reward of an activity it joined; sent by the command side itself in the transaction of the
 * join, never by a client. The same activity again changes nothing.
 */
public record RewardActivityCommand(@TargetAggregateIdentifier MemberId memberId, ActivityId activityId, long points) {}
