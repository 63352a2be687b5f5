package org.memberhub.kernel.level;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.memberhub.kernel.member.MemberId;

@Revision("1")
public record LevelAdjustedEvent(
        MemberId memberId,
        int manualLevel,
        ManualLevelMode mode,
        Instant until,
        String reason,
        int fromLevel,
        int toLevel,
        int automaticLevel)
        implements LevelChangedEvent {}
