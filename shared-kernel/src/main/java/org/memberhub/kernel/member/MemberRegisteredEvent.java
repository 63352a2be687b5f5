package org.memberhub.kernel.member;

import org.axonframework.serialization.Revision;

@Revision("1")
public record MemberRegisteredEvent(MemberId memberId, MemberProfile profile, int level) implements MemberEvent {}
