package org.memberhub.kernel.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Erases a member's personal data for good (the right to be forgotten). The member is deleted as well, if not yet;
 * history, balances and totals stay.
 */
public record EraseMemberCommand(@TargetAggregateIdentifier MemberId memberId, String reason, Long expectedVersion)
        implements VersionedCommand {}
