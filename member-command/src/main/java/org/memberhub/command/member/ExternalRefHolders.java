package org.memberhub.command.member;

import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.memberhub.kernel.member.FindMemberIdByExternalRefQuery;
import org.memberhub.kernel.member.MemberId;
import org.springframework.stereotype.Component;

/** Answers who holds an external reference from the unique-key registry, which commits with the member's events. */
@Component
class ExternalRefHolders {

    private final UniqueKeys uniqueKeys;

    ExternalRefHolders(UniqueKeys uniqueKeys) {
        this.uniqueKeys = uniqueKeys;
    }

    @QueryHandler
    Optional<MemberId> handle(FindMemberIdByExternalRefQuery query) {
        return uniqueKeys.holder(new UniqueKey(UniqueKey.Type.EXTERNAL_REF, query.externalRef()));
    }
}
