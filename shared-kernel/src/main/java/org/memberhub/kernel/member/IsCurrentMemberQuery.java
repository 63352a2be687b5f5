package org.memberhub.kernel.member;

/**
 * Whether a member is registered and not deleted, from the command side's registry of unique values, which commits
 * with the registration and the deletion (no read model lag). Answers a {@code Boolean}. Meant for deciding what a
 * refusal means (an unknown member or a read model behind), not for every read.
 */
public record IsCurrentMemberQuery(MemberId member) {}
