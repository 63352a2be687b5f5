package org.memberhub.kernel.level;

import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberId;

public record MemberLevelView(MemberId memberId, int level, Money netSpend, ManualLevel manual, long version) {}
