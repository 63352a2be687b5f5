package org.memberhub.api.me;

import org.memberhub.api.level.LevelDescriber;
import org.memberhub.api.points.LoyaltyResponse;
import org.memberhub.api.web.Consistency;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.loyalty.LoyaltyOutcome;
import org.memberhub.kernel.member.MemberId;
import org.springframework.http.ResponseEntity;

/** A self-service command's answer: the staff answer, without why staff set a manual level, and its token. */
final class SelfServiceDecisions {

    private SelfServiceDecisions() {}

    static ResponseEntity<LoyaltyResponse> decided(MemberId me, LoyaltyOutcome<?> outcome, LevelDescriber levels) {
        LoyaltyResponse response = LoyaltyResponse.of(outcome, levels);
        return ResponseEntity.ok()
                .headers(Consistency.decisionHeaders(new ConsistencyToken(me, outcome.version())))
                .body(new LoyaltyResponse(
                        response.decision(),
                        response.points(),
                        response.level().withoutManualReason(),
                        response.version(),
                        response.duplicate()));
    }
}
