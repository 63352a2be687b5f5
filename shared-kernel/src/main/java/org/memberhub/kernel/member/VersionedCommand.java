package org.memberhub.kernel.member;

/**
 * A command that may name the member version its sender saw; the aggregate refuses it unless that is the current
 * version, so that nobody overwrites a change they have not seen.
 */
public interface VersionedCommand {

    MemberId memberId();

    /** The version the sender saw, or null to apply the command to whatever version is current. */
    Long expectedVersion();
}
