package org.memberhub.query.projection;

import java.util.Collection;
import org.memberhub.kernel.member.MemberId;

/**
 * A projector whose rows each belong to one member. A replay rebuilds such a read model member by member: when it
 * reaches a member's first event, {@link #forget} deletes the member's rows and all of the member's events are applied
 * again from the event store, in the replay's transaction. Readers see the old rows until that commits and the rebuilt
 * ones after, never a member half built or missing; the member's later events in the replay then find their effect
 * already there and change nothing.
 */
public interface MemberReadModel {

    /** Deletes every row this read model holds for these members. */
    void forget(Collection<MemberId> members);
}
