package org.memberhub.kernel.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterMemberCommand(@TargetAggregateIdentifier MemberId memberId, MemberProfile profile) {}
