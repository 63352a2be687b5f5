package org.memberhub.query.member;

import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.memberhub.kernel.member.FindMemberByExternalRefQuery;
import org.memberhub.kernel.member.FindMemberQuery;
import org.memberhub.kernel.member.FindMembersQuery;
import org.memberhub.kernel.member.MemberPage;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.consistency.ReadYourWrites;
import org.springframework.stereotype.Component;

@Component
class MemberQueryHandler {

    private final MemberReadRepository members;
    private final ReadYourWrites readYourWrites;
    private final MemberViewCache<MemberView> views;

    MemberQueryHandler(MemberReadRepository members, ReadYourWrites readYourWrites, MemberViewCache<MemberView> views) {
        this.members = members;
        this.readYourWrites = readYourWrites;
        this.views = views;
        views.fillFrom(members.views());
    }

    /** From this instance's cache when it holds the member (new enough for the query's token), else the read model. */
    @QueryHandler
    Optional<MemberView> handle(FindMemberQuery query) {
        return views.find(query.memberId(), query.awaiting(), () -> {
            readYourWrites.await(query.memberId(), query.awaiting(), members::versionOf);
            return members.find(query.memberId());
        });
    }

    @QueryHandler
    Optional<MemberView> handle(FindMemberByExternalRefQuery query) {
        return members.findByExternalRef(query.externalRef());
    }

    @QueryHandler
    MemberPage handle(FindMembersQuery query) {
        readYourWrites.await(null, query.awaiting(), members::versionOf);
        return members.find(query.criteria(), query.page(), query.size(), query.sort(), query.after());
    }
}
