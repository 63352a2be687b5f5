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
import org.memberhub.kernel.member.MemberId;
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

    public PointsView points(MemberId id, ConsistencyToken awaiting) {
        return queries.query(new FindPointsQuery(id, awaiting), ResponseTypes.optionalInstanceOf(PointsView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.MEMBER_NOT_FOUND, id.toString()));
    }

    public LedgerPage ledger(MemberId id, int page, int size, ConsistencyToken awaiting) {
        return queries.query(new FindPointsLedgerQuery(id, page, size, awaiting), LedgerPage.class)
                .join();
    }

    public List<LotView> lots(MemberId id, ConsistencyToken awaiting) {
        return queries.query(new FindPointsLotsQuery(id, awaiting), LotList.class)
                .join()
                .lots();
    }

    public MemberLevelView level(MemberId id, ConsistencyToken awaiting) {
        return queries.query(
                        new FindMemberLevelQuery(id, awaiting), ResponseTypes.optionalInstanceOf(MemberLevelView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.MEMBER_NOT_FOUND, id.toString()));
    }

    public LevelHistoryPage levelHistory(MemberId id, int page, int size, ConsistencyToken awaiting) {
        return queries.query(new FindLevelHistoryQuery(id, page, size, awaiting), LevelHistoryPage.class)
                .join();
    }
}
