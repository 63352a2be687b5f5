package org.memberhub.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.memberhub.kernel.activity.MemberJoinedActivityEvent;
import org.memberhub.kernel.benefit.BenefitUsedEvent;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.memberhub.kernel.points.SpentPointsReturnedEvent;

/**
 * Business counters from the events this instance publishes, counted once their unit of work has committed (a command
 * that rolls back counts nothing): {@code memberhub.points} by operation (earned, spent, expired, reversed, returned: points),
 * {@code memberhub.purchases}, {@code memberhub.refunds}, {@code memberhub.registrations},
 * {@code memberhub.benefit.uses}, {@code memberhub.activity.joins}. Subscribed to the event bus itself, not a
 * processing group: no token, no replay, nothing counted twice; each instance counts the events of the commands it
 * handled, so the sum over instances is the total.
 */
final class LoyaltyEventCounters implements Consumer<List<? extends EventMessage<?>>> {

    private final Counter earned;
    private final Counter spent;
    private final Counter expired;
    private final Counter reversed;
    private final Counter returned;
    private final Counter purchases;
    private final Counter refunds;
    private final Counter registrations;
    private final Counter benefitUses;
    private final Counter activityJoins;

    LoyaltyEventCounters(MeterRegistry registry) {
        earned = points(registry, "earned");
        spent = points(registry, "spent");
        expired = points(registry, "expired");
        reversed = points(registry, "reversed");
        returned = points(registry, "returned");
        purchases = Counter.builder("memberhub.purchases")
                .description("Purchases recorded (API and Kafka)")
                .register(registry);
        refunds = Counter.builder("memberhub.refunds")
                .description("Refunds recorded (API and Kafka)")
                .register(registry);
        registrations = Counter.builder("memberhub.registrations")
                .description("Members registered (API, sync)")
                .register(registry);
        benefitUses = Counter.builder("memberhub.benefit.uses")
                .description("Benefits used or bought")
                .register(registry);
        activityJoins = Counter.builder("memberhub.activity.joins")
                .description("Members who joined an activity")
                .register(registry);
    }

    private static Counter points(MeterRegistry registry, String operation) {
        return Counter.builder("memberhub.points")
                .description("Points moved, by operation")
                .baseUnit("points")
                .tag("operation", operation)
                .register(registry);
    }

    @Override
    public void accept(List<? extends EventMessage<?>> events) {
        List<Runnable> increments = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            Runnable increment = increment(event.getPayload());
            if (increment != null) {
                increments.add(increment);
            }
        }
        if (increments.isEmpty()) {
            return;
        }
        Runnable all = () -> increments.forEach(Runnable::run);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(u -> all.run());
        } else {
            all.run();
        }
    }

    private Runnable increment(Object payload) {
        if (payload instanceof PointsEarnedEvent e) {
            return () -> earned.increment(e.points());
        } else if (payload instanceof PointsSpentEvent e) {
            return () -> spent.increment(e.points());
        } else if (payload instanceof PointsExpiredEvent e) {
            return () -> expired.increment(e.points());
        } else if (payload instanceof SpentPointsReturnedEvent e) {
            return () -> returned.increment(e.points());
        } else if (payload instanceof PointsReversedEvent e) {
            return () -> reversed.increment(e.points());
        } else if (payload instanceof PurchaseRecordedEvent) {
            return purchases::increment;
        } else if (payload instanceof PurchaseRefundedEvent) {
            return refunds::increment;
        } else if (payload instanceof MemberRegisteredEvent) {
            return registrations::increment;
        } else if (payload instanceof BenefitUsedEvent) {
            return benefitUses::increment;
        } else if (payload instanceof MemberJoinedActivityEvent) {
            return activityJoins::increment;
        }
        return null;
    }
}
