package org.memberhub.command.member;

import org.memberhub.kernel.fold.MemberFold;
import org.memberhub.kernel.loyalty.LoyaltyOutcome;

/** One decision of the member and whether it repeats an earlier one (an idempotent replay). */
record Decided<D>(D decision, boolean duplicate) {

    static <D> Decided<D> fresh(D decision) {
        return new Decided<>(decision, false);
    }

    static <D> Decided<D> again(D decision) {
        return new Decided<>(decision, true);
    }

    /** The decision with the balances and level it left behind in {@code state}, at the member's {@code version}. */
    LoyaltyOutcome<D> outcome(MemberFold state, long version) {
        return new LoyaltyOutcome<>(decision, state.balance(), state.levelStatus(), version, duplicate);
    }
}
