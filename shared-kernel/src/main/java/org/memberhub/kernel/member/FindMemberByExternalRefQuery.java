package org.memberhub.kernel.member;

/**
 * The member known in the external member system by this reference, as the read model shows it: the one not deleted
 * if there is one, else the most recently changed deleted one. Answers an {@code Optional<MemberView>}.
 */
public record FindMemberByExternalRefQuery(String externalRef) {}
