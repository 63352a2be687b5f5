package org.memberhub.kernel.level;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.VersionedCommand;

/** Sets a manual level (1..n) until an optional end, or with a null level ends the manual level in force. */
public record AdjustLevelCommand(
        @TargetAggregateIdentifier MemberId memberId, Integer level, String reason, Instant until, Long expectedVersion)
        implements VersionedCommand {}
