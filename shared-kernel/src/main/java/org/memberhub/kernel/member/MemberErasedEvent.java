package org.memberhub.kernel.member;

import org.axonframework.serialization.Revision;

/**
 * The member's personal data was erased: the key its profile was encrypted with is destroyed, so every earlier profile
 * now reads as {@link MemberProfile#erased()}. The member counts as deleted from here on.
 */
@Revision("1")
public record MemberErasedEvent(MemberId memberId, String reason) implements MemberEvent {}
