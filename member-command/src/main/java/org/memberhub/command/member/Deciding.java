package org.memberhub.command.member;

import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.memberhub.kernel.fold.MemberFold;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.member.MemberId;

/**
 * What every rule decides with: the member's state, the rules in force for this command (resolved once), the member's
 * time zone and the time. {@link #apply} records an event and folds it into {@code state} before the next decision is
 * taken; in the aggregate that is {@code AggregateLifecycle.apply}.
 */
record Deciding(MemberId id, MemberFold state, LoyaltyRules rules, ZoneId zone, Instant now, Consumer<Object> applier) {

    void apply(Object event) {
        applier.accept(event);
    }
}
