package org.memberhub.kernel.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record FreezeMemberCommand(@TargetAggregateIdentifier MemberId memberId, String reason, Long expectedVersion)
        implements VersionedCommand {}
