package org.memberhub.command.activity;

import static org.memberhub.command.support.CommandChecks.requireVersion;
import static org.memberhub.command.support.CommandChecks.trimToNull;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.memberhub.kernel.activity.ActivityChangedEvent;
import org.memberhub.kernel.activity.ActivityClosedEvent;
import org.memberhub.kernel.activity.ActivityCreatedEvent;
import org.memberhub.kernel.activity.ActivityId;
import org.memberhub.kernel.activity.ActivityOpenedEvent;
import org.memberhub.kernel.activity.ActivityRules;
import org.memberhub.kernel.activity.ActivityStatus;
import org.memberhub.kernel.activity.ActivityTerms;
import org.memberhub.kernel.activity.ActivityView;
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

/**
 * An activity (campaign) and who joined it. The participants live in the aggregate, so the capacity is enforced by
 * the event store itself: two joins deciding on the same version cannot both be appended, and the loser is decided
 * again on the new version.
 */
@Aggregate(snapshotTriggerDefinition = "activitySnapshotTrigger")
// the shape of its snapshots: raise it with any change of its fields, so that older snapshots are not loaded
@Revision("1")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public class Activity {

    @AggregateIdentifier
    private ActivityId activityId;

    private ActivityTerms terms;
    private ActivityStatus status;
    private Instant updatedAt;
    private final Map<UUID, Integer> participants = new HashMap<>();

    protected Activity() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    ActivityView handle(CreateActivityCommand command, LoyaltyRules rules) {
        ActivityTerms normalized = ActivityRules.normalize(command.terms(), rules.maxLevel());
        AggregateLifecycle.apply(new ActivityCreatedEvent(command.activityId(), normalized));
        return view();
    }

    @CommandHandler
    ActivityView handle(ChangeActivityCommand command, LoyaltyRules rules) {
        requireVersion(command.expectedVersion());
        requireNotClosed();
        ActivityTerms normalized = ActivityRules.normalize(command.terms(), rules.maxLevel());
        if (normalized.capacity() < participants.size()) {
            throw new DomainException(
                    ErrorCode.CAPACITY_BELOW_PARTICIPANTS, normalized.capacity(), participants.size());
        }
        if (!normalized.equals(terms)) {
            AggregateLifecycle.apply(new ActivityChangedEvent(activityId, normalized));
        }
        return view();
    }

    @CommandHandler
    ActivityView handle(OpenActivityCommand command) {
        requireVersion(command.expectedVersion());
        requireNotClosed();
        if (status == ActivityStatus.OPEN) {
            throw new DomainException(ErrorCode.ACTIVITY_ALREADY_OPEN, activityId.toString());
        }
        AggregateLifecycle.apply(new ActivityOpenedEvent(activityId));
        return view();
    }

    @CommandHandler
    ActivityView handle(CloseActivityCommand command) {
        requireVersion(command.expectedVersion());
        requireNotClosed();
        AggregateLifecycle.apply(new ActivityClosedEvent(activityId, trimToNull(command.reason())));
        return view();
    }

    /**
     * Lets a member of the given level join at {@code now}: once, while open, inside the window, at an eligible level
     * and while places are left. Called by {@link ActivityParticipation} within the join's unit of work.
     */
    JoinDecision join(MemberId member, int level, Instant now) {
        Integer place = participants.get(member.value());
        if (place != null) {
            return new JoinDecision(activityId, member, place, 0, participants.size(), true);
        }
        if (status == ActivityStatus.CLOSED) {
            throw new DomainException(ErrorCode.ACTIVITY_CLOSED, activityId.toString());
        }
        if (status != ActivityStatus.OPEN) {
            throw new DomainException(ErrorCode.ACTIVITY_NOT_OPEN, activityId.toString());
        }
        if (!terms.within(now)) {
            throw new DomainException(
                    ErrorCode.ACTIVITY_OUTSIDE_WINDOW, activityId.toString(), terms.startsAt(), terms.endsAt());
        }
        if (!terms.open(level)) {
            throw new DomainException(ErrorCode.ACTIVITY_LEVEL_NOT_ELIGIBLE, activityId.toString(), level);
        }
        if (participants.size() >= terms.capacity()) {
            throw new DomainException(ErrorCode.ACTIVITY_FULL, activityId.toString(), terms.capacity());
        }
        int participantNo = participants.size() + 1;
        AggregateLifecycle.apply(
                new MemberJoinedActivityEvent(activityId, member, level, participantNo, terms.rewardPoints()));
        return new JoinDecision(activityId, member, participantNo, terms.rewardPoints(), participants.size(), false);
    }

    @EventSourcingHandler
    void on(ActivityCreatedEvent event, @Timestamp Instant timestamp) {
        activityId = event.activityId();
        terms = event.terms();
        status = ActivityStatus.DRAFT;
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(ActivityChangedEvent event, @Timestamp Instant timestamp) {
        terms = event.terms();
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(ActivityOpenedEvent event, @Timestamp Instant timestamp) {
        status = ActivityStatus.OPEN;
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(ActivityClosedEvent event, @Timestamp Instant timestamp) {
        status = ActivityStatus.CLOSED;
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(MemberJoinedActivityEvent event) {
        participants.put(event.memberId().value(), event.participantNo());
    }

    private void requireNotClosed() {
        if (status == ActivityStatus.CLOSED) {
            throw new DomainException(ErrorCode.ACTIVITY_CLOSED, activityId.toString());
        }
    }

    private ActivityView view() {
        return new ActivityView(
                activityId, terms, status, participants.size(), updatedAt, AggregateLifecycle.getVersion());
    }
}
