package org.memberhub.kernel.member;

import org.axonframework.serialization.Revision;

/** The complete profile after the change, so that a projector never needs the previous one. */
@Revision("1")
public record MemberProfileUpdatedEvent(MemberId memberId, MemberProfile profile) implements MemberEvent {}
