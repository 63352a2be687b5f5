package org.memberhub.kernel.member;

import org.axonframework.serialization.Revision;

@Revision("1")
public record MemberUnfrozenEvent(MemberId memberId, String reason) implements MemberEvent {}
