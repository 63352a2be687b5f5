package org.memberhub.kernel.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the whole profile. {@code expectedVersion}, when present, must be the member's current version. */
public record UpdateMemberProfileCommand(
        @TargetAggregateIdentifier MemberId memberId, MemberProfile profile, Long expectedVersion)
        implements VersionedCommand {}
