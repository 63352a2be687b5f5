package org.memberhub.kernel.member;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A member changes the part of the profile that is theirs to change. Mobile number (the login), tags, notes and
 * external reference stay as staff and the external system keep them.
 */
public record ChangeOwnProfileCommand(
        @TargetAggregateIdentifier MemberId memberId,
        String name,
        String email,
        Gender gender,
        LocalDate birthday,
        MemberLocale locale,
        String address,
        String timeZone,
        Long expectedVersion)
        implements VersionedCommand {}
