package org.memberhub.kernel.member;

import org.axonframework.serialization.Revision;
import org.memberhub.kernel.privacy.PersonalData;

@Revision("1")
public record MemberRegisteredEvent(MemberId memberId, @PersonalData MemberProfile profile, int level)
        implements MemberEvent {}
