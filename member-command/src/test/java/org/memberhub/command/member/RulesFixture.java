package org.memberhub.command.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.fold.MemberFold;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.member.MemberId;

/**
 * Given a member's events, when one of the member's rules decides, then these events are recorded (and folded) or
 * the decision is refused with this code: the rules tested without the aggregate around them.
 */
final class RulesFixture {

    private final MemberId id;
    private final LoyaltyRules rules;
    private final ZoneId zone;
    private final MemberFold state = new MemberFold();
    private Instant now;

    RulesFixture(MemberId id, LoyaltyRules rules, ZoneId zone, Instant now) {
        this.id = id;
        this.rules = rules;
        this.zone = zone;
        this.now = now;
    }

    RulesFixture given(Object... events) {
        for (Object event : events) {
            state.apply(event, now);
        }
        return this;
    }

    RulesFixture at(Instant instant) {
        now = instant;
        return this;
    }

    MemberFold state() {
        return state;
    }

    /** When the member's next transition falls due, seen at the fixture's time. */
    Instant nextDue() {
        return DueTransitions.nextDueAt(new Deciding(id, state, rules, zone, now, event -> {}));
    }

    <D> Then<D> when(Function<Deciding, D> rule) {
        List<Object> recorded = new ArrayList<>();
        Deciding deciding = new Deciding(id, state, rules, zone, now, event -> {
            recorded.add(event);
            state.apply(event, now);
        });
        try {
            return new Then<>(rule.apply(deciding), recorded, null);
        } catch (DomainException refused) {
            return new Then<>(null, recorded, refused);
        }
    }

    record Then<D>(D result, List<Object> events, DomainException refusal) {

        Then<D> expectEvents(Object... expected) {
            assertThat(refusal).as("refusal").isNull();
            assertThat(events).containsExactly(expected);
            return this;
        }

        Then<D> expectNoEvents() {
            return expectEvents();
        }

        Then<D> expectResult(Consumer<D> check) {
            assertThat(refusal).as("refusal").isNull();
            check.accept(result);
            return this;
        }

        void expectRefusal(ErrorCode code) {
            assertThat(refusal).as("a refusal").isNotNull();
            assertThat(refusal.code()).isEqualTo(code);
            assertThat(events).as("a refused decision records nothing").isEmpty();
        }
    }
}
