package org.memberhub.command.member;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.memberhub.kernel.benefit.LoyaltyRulesSource;
import org.memberhub.kernel.fold.MemberFold;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.member.MemberId;

/**
 * What every rule decides with: the member's state, the rules in force for this command (resolved once), the member's
 * time zone and the time. {@link #apply} records an event and folds it into {@code state} before the next decision is
 * taken; in the aggregate that is {@code AggregateLifecycle.apply}.
 */
record Deciding(MemberId id, MemberFold state, LoyaltyRules rules, ZoneId zone, Instant now, Consumer<Object> applier) {

    /** What a member's command decides with, the rules resolved once for it, events applied to the aggregate. */
    static Deciding forCommand(MemberId id, MemberFold state, Clock clock, LoyaltyRulesSource source) {
        LoyaltyRules rules = source.current();
        String timeZone = state.profile().timeZone();
        ZoneId zone = timeZone == null ? rules.defaultTimeZone() : ZoneId.of(timeZone);
        return new Deciding(id, state, rules, zone, clock.instant(), AggregateLifecycle::apply);
    }

    void apply(Object event) {
        applier.accept(event);
    }
}
