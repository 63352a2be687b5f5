package org.memberhub.kernel.level;

import org.axonframework.serialization.Revision;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberId;

@Revision("1")
public record LevelDowngradedEvent(
        MemberId memberId, int fromLevel, int toLevel, int automaticLevel, Money netSpend, String cause)
        implements LevelChangedEvent {}
