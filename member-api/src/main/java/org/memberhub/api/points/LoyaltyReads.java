package org.memberhub.api.points;

import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.level.FindLevelHistoryQuery;
import org.memberhub.kernel.level.FindMemberLevelQuery;
import org.memberhub.kernel.level.LevelHistoryPage;
import org.memberhub.kernel.level.MemberLevelView;
import org.memberhub.kernel.member.FindMemberQuery;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.kernel.points.FindPointsLedgerQuery;
import org.memberhub.kernel.points.FindPointsLotsQuery;
import org.memberhub.kernel.points.FindPointsQuery;
import org.memberhub.kernel.points.LedgerPage;
import org.memberhub.kernel.points.LotList;
import org.memberhub.kernel.points.LotView;
import org.memberhub.kernel.points.PointsView;
import org.springframework.stereotype.Component;

/** The points and level queries, shared by the back-office and the self-service API. */
@Component
public class LoyaltyReads {

    private final QueryGateway queries;

    LoyaltyReads(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * One rule for every read about a member, the rule of {@code GET /members/{id}}: an unknown member is {@code 404
     * MEMBER_NOT_FOUND}, a deleted one {@code 404 MEMBER_DELETED}. Existence is read from the points read model (every
     * registered member has a row, and it waits for a consistency token like the read it guards); deletion from the
     * member view, which only ever says "deleted" once the deletion happened.
     */
    public void requireReadable(MemberId id, ConsistencyToken awaiting) {
        points(id, awaiting);
    }

    public PointsView points(MemberId id, ConsistencyToken awaiting) {
        PointsView points = queries.query(
                        new FindPointsQuery(id, awaiting), ResponseTypes.optionalInstanceOf(PointsView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.MEMBER_NOT_FOUND, id.toString()));
        refuseDeleted(id);
        return points;
    }

    public LedgerPage ledger(MemberId id, int page, int size, ConsistencyToken awaiting) {
        requireReadable(id, awaiting);
        return queries.query(new FindPointsLedgerQuery(id, page, size, awaiting), LedgerPage.class)
                .join();
    }

    public List<LotView> lots(MemberId id, ConsistencyToken awaiting) {
        requireReadable(id, awaiting);
        return queries.query(new FindPointsLotsQuery(id, awaiting), LotList.class)
                .join()
                .lots();
    }

    public MemberLevelView level(MemberId id, ConsistencyToken awaiting) {
        MemberLevelView level = queries.query(
                        new FindMemberLevelQuery(id, awaiting), ResponseTypes.optionalInstanceOf(MemberLevelView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.MEMBER_NOT_FOUND, id.toString()));
        refuseDeleted(id);
        return level;
    }

    public LevelHistoryPage levelHistory(MemberId id, int page, int size, ConsistencyToken awaiting) {
        level(id, awaiting);
        return queries.query(new FindLevelHistoryQuery(id, page, size, awaiting), LevelHistoryPage.class)
                .join();
    }

    private void refuseDeleted(MemberId id) {
        queries.query(new FindMemberQuery(id, null), ResponseTypes.optionalInstanceOf(MemberView.class))
                .join()
                .filter(member -> member.status() == MemberStatus.DELETED)
                .ifPresent(deleted -> {
                    throw new DomainException(ErrorCode.MEMBER_DELETED, id.toString());
                });
    }
}
