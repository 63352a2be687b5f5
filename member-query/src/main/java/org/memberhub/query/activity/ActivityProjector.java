package org.memberhub.query.activity;

import static org.memberhub.query.jooq.Tables.ACTIVITIES;
import static org.memberhub.query.jooq.Tables.ACTIVITY_PARTICIPANTS;

import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.memberhub.kernel.activity.ActivityChangedEvent;
import org.memberhub.kernel.activity.ActivityClosedEvent;
import org.memberhub.kernel.activity.ActivityCreatedEvent;
import org.memberhub.kernel.activity.ActivityId;
import org.memberhub.kernel.activity.ActivityOpenedEvent;
import org.memberhub.kernel.activity.ActivityStatus;
import org.memberhub.kernel.activity.ActivityTerms;
import org.memberhub.kernel.activity.MemberJoinedActivityEvent;
import org.memberhub.query.jooq.tables.records.ActivitiesRecord;
import org.memberhub.query.support.Levels;
import org.springframework.stereotype.Component;

/**
 * Projects activities and their participants. Rows move only forward (guarded by the activity's version), so an
 * event applied twice changes nothing.
 */
@Component
@ProcessingGroup(ActivityProjector.PROCESSING_GROUP)
class ActivityProjector {

    static final String PROCESSING_GROUP = "activities";

    private final DSLContext dsl;

    ActivityProjector(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(ActivityCreatedEvent event, @SequenceNumber long version, @Timestamp Instant timestamp) {
        ActivitiesRecord row = dsl.newRecord(ACTIVITIES);
        row.setActivityId(event.activityId().value());
        terms(row, event.terms());
        row.setStatus(ActivityStatus.DRAFT.name());
        row.setParticipants(0);
        row.setCreatedAt(timestamp.atOffset(ZoneOffset.UTC));
        row.setUpdatedAt(timestamp.atOffset(ZoneOffset.UTC));
        row.setVersion(version);
        dsl.insertInto(ACTIVITIES).set(row).onConflictDoNothing().execute();
    }

    @EventHandler
    void on(ActivityChangedEvent event, @SequenceNumber long version, @Timestamp Instant timestamp) {
        ActivitiesRecord row = dsl.newRecord(ACTIVITIES);
        terms(row, event.terms());
        update(event.activityId(), row, version, timestamp);
    }

    @EventHandler
    void on(ActivityOpenedEvent event, @SequenceNumber long version, @Timestamp Instant timestamp) {
        ActivitiesRecord row = dsl.newRecord(ACTIVITIES);
        row.setStatus(ActivityStatus.OPEN.name());
        update(event.activityId(), row, version, timestamp);
    }

    @EventHandler
    void on(ActivityClosedEvent event, @SequenceNumber long version, @Timestamp Instant timestamp) {
        ActivitiesRecord row = dsl.newRecord(ACTIVITIES);
        row.setStatus(ActivityStatus.CLOSED.name());
        update(event.activityId(), row, version, timestamp);
    }

    @EventHandler
    void on(MemberJoinedActivityEvent event, @SequenceNumber long version, @Timestamp Instant timestamp) {
        int moved = dsl.update(ACTIVITIES)
                .set(ACTIVITIES.PARTICIPANTS, event.participantNo())
                .set(ACTIVITIES.VERSION, version)
                .where(ACTIVITIES.ACTIVITY_ID.eq(event.activityId().value()))
                .and(ACTIVITIES.VERSION.lt(version))
                .execute();
        if (moved == 1) {
            dsl.insertInto(ACTIVITY_PARTICIPANTS)
                    .set(ACTIVITY_PARTICIPANTS.ACTIVITY_ID, event.activityId().value())
                    .set(ACTIVITY_PARTICIPANTS.MEMBER_ID, event.memberId().value())
                    .set(ACTIVITY_PARTICIPANTS.PARTICIPANT_NO, event.participantNo())
                    .set(ACTIVITY_PARTICIPANTS.MEMBER_LEVEL, (short) event.level())
                    .set(ACTIVITY_PARTICIPANTS.REWARD_POINTS, event.rewardPoints())
                    .set(ACTIVITY_PARTICIPANTS.JOINED_AT, timestamp.atOffset(ZoneOffset.UTC))
                    .onConflictDoNothing()
                    .execute();
        }
    }

    private void update(ActivityId id, ActivitiesRecord changes, long version, Instant timestamp) {
        changes.setUpdatedAt(timestamp.atOffset(ZoneOffset.UTC));
        changes.setVersion(version);
        dsl.update(ACTIVITIES)
                .set(changes)
                .where(ACTIVITIES.ACTIVITY_ID.eq(id.value()))
                .and(ACTIVITIES.VERSION.lt(version))
                .execute();
    }

    private static void terms(ActivitiesRecord row, ActivityTerms terms) {
        row.setName(terms.name());
        row.setDescription(terms.description());
        row.setStartsAt(terms.startsAt().atOffset(ZoneOffset.UTC));
        row.setEndsAt(terms.endsAt().atOffset(ZoneOffset.UTC));
        row.setLevels(Levels.format(terms.levels()));
        row.setCapacity(terms.capacity());
        row.setRewardPoints(terms.rewardPoints());
    }
}
