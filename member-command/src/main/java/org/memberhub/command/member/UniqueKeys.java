package org.memberhub.command.member;

import java.util.Optional;
import org.memberhub.kernel.member.MemberId;

/**
 * The registry of unique profile values, owned by the command side. Claims and releases join the transaction that
 * appends the member's events, so the registry and the event store never disagree, and two members racing for one
 * value cannot both win.
 */
public interface UniqueKeys {

    /**
     * Claims a value for a member; claiming a value the member already holds changes nothing.
     *
     * @throws org.memberhub.kernel.error.DomainException with the key type's duplicate code when another member holds
     *     it
     */
    void claim(MemberId owner, UniqueKey key);

    /** The member holding a value, if any. */
    Optional<MemberId> holder(UniqueKey key);

    /** Whether the member holds any value: from its registration until its deletion it holds its mobile number. */
    boolean holdsAny(MemberId owner);

    /** Gives a value back so that another member may claim it; values held by others are left alone. */
    void release(MemberId owner, UniqueKey key);
}
