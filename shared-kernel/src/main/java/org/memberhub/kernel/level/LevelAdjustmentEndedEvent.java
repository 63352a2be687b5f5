package org.memberhub.kernel.level;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.memberhub.kernel.member.MemberId;

@Revision("1")
public record LevelAdjustmentEndedEvent(
        MemberId memberId,
        AdjustmentEnd cause,
        String reason,
        Instant dueAt,
        int fromLevel,
        int toLevel,
        int automaticLevel)
        implements LevelChangedEvent {}
