package org.memberhub.kernel.member;

import org.axonframework.serialization.Revision;
import org.memberhub.kernel.privacy.PersonalData;

/** The complete profile after the change, so that a projector never needs the previous one. */
@Revision("1")
public record MemberProfileUpdatedEvent(MemberId memberId, @PersonalData MemberProfile profile)
        implements MemberEvent {}
