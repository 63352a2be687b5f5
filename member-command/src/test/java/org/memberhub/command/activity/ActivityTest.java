package org.memberhub.command.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.command.testing.Refusals.refusedWith;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.activity.ActivityChangedEvent;
import org.memberhub.kernel.activity.ActivityClosedEvent;
import org.memberhub.kernel.activity.ActivityCreatedEvent;
import org.memberhub.kernel.activity.ActivityId;
import org.memberhub.kernel.activity.ActivityOpenedEvent;
import org.memberhub.kernel.activity.ActivityTerms;
import org.memberhub.kernel.activity.ChangeActivityCommand;
import org.memberhub.kernel.activity.CloseActivityCommand;
import org.memberhub.kernel.activity.CreateActivityCommand;
import org.memberhub.kernel.activity.JoinDecision;
import org.memberhub.kernel.activity.MemberJoinedActivityEvent;
import org.memberhub.kernel.activity.OpenActivityCommand;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.member.MemberId;

class ActivityTest {

    private static final LoyaltyRules RULES = LoyaltyRules.defaults(ZoneId.of("Asia/Shanghai"));
    private static final ActivityId ID = ActivityId.of("0190f2a4-1c3e-7a00-8000-0000000000aa");
    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-12-31T00:00:00Z");
    private static final ActivityTerms TERMS = new ActivityTerms("Winter run", null, START, END, List.of(2, 3), 2, 50);
    private static final MemberId A = MemberId.of("0190f2a4-1c3e-7a00-8000-000000000001");
    private static final MemberId B = MemberId.of("0190f2a4-1c3e-7a00-8000-000000000002");
    private static final MemberId C = MemberId.of("0190f2a4-1c3e-7a00-8000-000000000003");

    private FixtureConfiguration<Activity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Activity.class);
        fixture.registerInjectableResource(RULES);
    }

    @Test
    void createsAsADraftWithNormalizedTerms() {
        fixture.givenNoPriorActivity()
                .when(new CreateActivityCommand(
                        ID, new ActivityTerms(" Winter run ", " ", START, END, List.of(3, 2, 3), 2, 50)))
                .expectEvents(new ActivityCreatedEvent(ID, TERMS));
    }

    @Test
    void refusesTermsThatMakeNoSense() {
        for (ActivityTerms terms : List.of(
                new ActivityTerms("x", null, END, START, List.of(), 2, 50),
                new ActivityTerms("x", null, START, END, List.of(), 0, 50),
                new ActivityTerms("x", null, START, END, List.of(), 2, -1),
                new ActivityTerms("x", null, START, END, List.of(9), 2, 0),
                new ActivityTerms(" ", null, START, END, List.of(), 2, 0))) {
            fixture.givenNoPriorActivity()
                    .when(new CreateActivityCommand(ID, terms))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INVALID_ACTIVITY));
        }
    }

    @Test
    void opensClosesAndRefusesChangesOnceClosed() {
        fixture.given(new ActivityCreatedEvent(ID, TERMS))
                .when(new OpenActivityCommand(ID, null))
                .expectEvents(new ActivityOpenedEvent(ID));
        fixture.given(new ActivityCreatedEvent(ID, TERMS), new ActivityOpenedEvent(ID))
                .when(new OpenActivityCommand(ID, null))
                .expectException(refusedWith(ErrorCode.ACTIVITY_ALREADY_OPEN));
        fixture.given(new ActivityCreatedEvent(ID, TERMS), new ActivityOpenedEvent(ID))
                .when(new CloseActivityCommand(ID, "done", 1L))
                .expectEvents(new ActivityClosedEvent(ID, "done"));
        fixture.given(new ActivityCreatedEvent(ID, TERMS), new ActivityClosedEvent(ID, null))
                .when(new ChangeActivityCommand(ID, TERMS, null))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ACTIVITY_CLOSED));
    }

    @Test
    void capacityCannotDropBelowTheParticipants() {
        fixture.given(
                        new ActivityCreatedEvent(ID, TERMS),
                        new ActivityOpenedEvent(ID),
                        new MemberJoinedActivityEvent(ID, A, 2, 1, 50),
                        new MemberJoinedActivityEvent(ID, B, 2, 2, 50))
                .when(new ChangeActivityCommand(
                        ID, new ActivityTerms("Winter run", null, START, END, List.of(2), 1, 50), null))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.CAPACITY_BELOW_PARTICIPANTS));
        ActivityTerms bigger = new ActivityTerms("Winter run", null, START, END, List.of(2, 3), 5, 50);
        fixture.given(new ActivityCreatedEvent(ID, TERMS), new MemberJoinedActivityEvent(ID, A, 2, 1, 50))
                .when(new ChangeActivityCommand(ID, bigger, null))
                .expectEvents(new ActivityChangedEvent(ID, bigger));
    }

    @Test
    void joinsOnceWhileOpenInsideTheWindowAtAnEligibleLevelUpToTheCapacity() {
        Instant inside = START.plusSeconds(60);
        Activity open = activity(new ActivityCreatedEvent(ID, TERMS), new ActivityOpenedEvent(ID));
        JoinDecision first = join(open, A, 2, inside);
        assertThat(first.duplicate()).isFalse();
        assertThat(first.participantNo()).isEqualTo(1);
        assertThat(first.rewardPoints()).isEqualTo(50);
        JoinDecision again = join(open, A, 2, inside);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.participantNo()).isEqualTo(1);
        assertThat(again.rewardPoints()).isZero();
        assertThat(refusal(open, C, 1, inside)).isEqualTo(ErrorCode.ACTIVITY_LEVEL_NOT_ELIGIBLE);
        assertThat(refusal(open, C, 2, START.minusSeconds(1))).isEqualTo(ErrorCode.ACTIVITY_OUTSIDE_WINDOW);
        assertThat(refusal(open, C, 2, END)).isEqualTo(ErrorCode.ACTIVITY_OUTSIDE_WINDOW);
        assertThat(join(open, B, 3, inside).participantNo()).isEqualTo(2);
        assertThat(refusal(open, C, 2, inside)).isEqualTo(ErrorCode.ACTIVITY_FULL);
        assertThat(refusal(activity(new ActivityCreatedEvent(ID, TERMS)), C, 2, inside))
                .isEqualTo(ErrorCode.ACTIVITY_NOT_OPEN);
        assertThat(refusal(
                        activity(new ActivityCreatedEvent(ID, TERMS), new ActivityClosedEvent(ID, null)), C, 2, inside))
                .isEqualTo(ErrorCode.ACTIVITY_CLOSED);
    }

    /** An activity rebuilt from events, outside of Axon: {@code join} applies its events to itself directly. */
    private static Activity activity(Object... events) {
        Activity activity = new Activity();
        for (Object event : events) {
            if (event instanceof ActivityCreatedEvent e) {
                activity.on(e, START);
            } else if (event instanceof ActivityOpenedEvent e) {
                activity.on(e, START);
            } else if (event instanceof ActivityClosedEvent e) {
                activity.on(e, START);
            } else {
                activity.on((MemberJoinedActivityEvent) event);
            }
        }
        return activity;
    }

    private static JoinDecision join(Activity activity, MemberId member, int level, Instant now) {
        return org.axonframework.modelling.command.inspection.AnnotatedAggregate.initialize(
                        activity,
                        org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory
                                .inspectAggregate(Activity.class),
                        null)
                .invoke(a -> a.join(member, level, now));
    }

    private static ErrorCode refusal(Activity activity, MemberId member, int level, Instant now) {
        try {
            join(activity, member, level, now);
            throw new AssertionError("joined");
        } catch (DomainException e) {
            return e.code();
        }
    }
}
