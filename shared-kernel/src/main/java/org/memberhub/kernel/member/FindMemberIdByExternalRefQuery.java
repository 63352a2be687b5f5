package org.memberhub.kernel.member;

/**
 * The member that holds this external reference now, from the command side's registry of unique values: current as
 * soon as the registration or profile change that claimed the reference committed, where the read model may still be
 * behind. Deleted members hold no reference. Answers an {@code Optional<MemberId>}.
 */
public record FindMemberIdByExternalRefQuery(String externalRef) {}
