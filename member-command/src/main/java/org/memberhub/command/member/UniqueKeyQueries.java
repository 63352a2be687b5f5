package org.memberhub.command.member;

import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.memberhub.kernel.member.FindMemberIdByExternalRefQuery;
import org.memberhub.kernel.member.IsCurrentMemberQuery;
import org.memberhub.kernel.member.MemberId;
import org.springframework.stereotype.Component;

/**
 * Answers from the unique-key registry, which commits with the member's events: who holds an external reference, and
 * whether a member is current (it holds its mobile number from registration until deletion).
 */
@Component
class UniqueKeyQueries {

    private final UniqueKeys uniqueKeys;

    UniqueKeyQueries(UniqueKeys uniqueKeys) {
        this.uniqueKeys = uniqueKeys;
    }

    @QueryHandler
    Optional<MemberId> handle(FindMemberIdByExternalRefQuery query) {
        return uniqueKeys.holder(new UniqueKey(UniqueKey.Type.EXTERNAL_REF, query.externalRef()));
    }

    @QueryHandler
    Boolean handle(IsCurrentMemberQuery query) {
        return uniqueKeys.holdsAny(query.member());
    }
}
