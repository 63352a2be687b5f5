package org.memberhub.command.member;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.member.MemberId;

/** The unique-key registry's contract without a database, for aggregate fixture tests. */
class InMemoryUniqueKeys implements UniqueKeys {

    final Map<UniqueKey, MemberId> holders = new HashMap<>();

    @Override
    public void claim(MemberId owner, UniqueKey key) {
        MemberId holder = holders.putIfAbsent(key, owner);
        if (holder != null && !holder.equals(owner)) {
            throw new DomainException(key.type().duplicateCode(), key.value());
        }
    }

    @Override
    public Optional<MemberId> holder(UniqueKey key) {
        return Optional.ofNullable(holders.get(key));
    }

    @Override
    public boolean holdsAny(MemberId owner) {
        return holders.containsValue(owner);
    }

    @Override
    public void release(MemberId owner, UniqueKey key) {
        holders.remove(key, owner);
    }
}
