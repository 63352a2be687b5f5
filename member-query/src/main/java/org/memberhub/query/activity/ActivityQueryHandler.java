package org.memberhub.query.activity;

import static org.memberhub.query.jooq.Tables.ACTIVITIES;
import static org.memberhub.query.jooq.Tables.ACTIVITY_PARTICIPANTS;

import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.memberhub.kernel.activity.ActivityId;
import org.memberhub.kernel.activity.ActivityPage;
import org.memberhub.kernel.activity.ActivityStatus;
import org.memberhub.kernel.activity.ActivityTerms;
import org.memberhub.kernel.activity.ActivityView;
import org.memberhub.kernel.activity.FindActivitiesQuery;
import org.memberhub.kernel.activity.FindActivityQuery;
import org.memberhub.kernel.activity.FindMemberActivitiesQuery;
import org.memberhub.kernel.activity.FindParticipantsQuery;
import org.memberhub.kernel.activity.MemberActivity;
import org.memberhub.kernel.activity.Participant;
import org.memberhub.kernel.activity.ParticipantPage;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.query.jooq.tables.records.ActivitiesRecord;
import org.memberhub.query.support.Levels;
import org.springframework.stereotype.Component;

@Component
class ActivityQueryHandler {

    private final DSLContext dsl;

    ActivityQueryHandler(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Newest first. */
    @QueryHandler
    ActivityPage handle(FindActivitiesQuery query) {
        Condition condition = query.status() == null
                ? DSL.noCondition()
                : ACTIVITIES.STATUS.eq(query.status().name());
        var items = dsl.selectFrom(ACTIVITIES)
                .where(condition)
                .orderBy(ACTIVITIES.CREATED_AT.desc(), ACTIVITIES.ACTIVITY_ID)
                .limit(query.size())
                .offset((long) query.page() * query.size())
                .fetch(ActivityQueryHandler::view);
        return new ActivityPage(items, query.page(), query.size(), dsl.fetchCount(ACTIVITIES, condition));
    }

    @QueryHandler
    Optional<ActivityView> handle(FindActivityQuery query) {
        return dsl.selectFrom(ACTIVITIES)
                .where(ACTIVITIES.ACTIVITY_ID.eq(query.activityId().value()))
                .fetchOptional(ActivityQueryHandler::view);
    }

    @QueryHandler
    ParticipantPage handle(FindParticipantsQuery query) {
        Condition ofActivity =
                ACTIVITY_PARTICIPANTS.ACTIVITY_ID.eq(query.activityId().value());
        var items = dsl.selectFrom(ACTIVITY_PARTICIPANTS)
                .where(ofActivity)
                .orderBy(ACTIVITY_PARTICIPANTS.PARTICIPANT_NO)
                .limit(query.size())
                .offset((long) query.page() * query.size())
                .fetch(row -> new Participant(
                        new MemberId(row.getMemberId()),
                        row.getParticipantNo(),
                        row.getMemberLevel(),
                        row.getRewardPoints(),
                        row.getJoinedAt().toInstant()));
        return new ParticipantPage(
                items, query.page(), query.size(), dsl.fetchCount(ACTIVITY_PARTICIPANTS, ofActivity));
    }

    /** At most the latest 500. */
    @QueryHandler
    List<MemberActivity> handle(FindMemberActivitiesQuery query) {
        return dsl.select(ACTIVITIES.fields())
                .select(
                        ACTIVITY_PARTICIPANTS.PARTICIPANT_NO,
                        ACTIVITY_PARTICIPANTS.REWARD_POINTS,
                        ACTIVITY_PARTICIPANTS.JOINED_AT)
                .from(ACTIVITY_PARTICIPANTS)
                .join(ACTIVITIES)
                .on(ACTIVITIES.ACTIVITY_ID.eq(ACTIVITY_PARTICIPANTS.ACTIVITY_ID))
                .where(ACTIVITY_PARTICIPANTS.MEMBER_ID.eq(query.memberId().value()))
                .orderBy(ACTIVITY_PARTICIPANTS.JOINED_AT.desc())
                .limit(500)
                .fetch(row -> new MemberActivity(
                        view(row.into(ACTIVITIES)),
                        row.get(ACTIVITY_PARTICIPANTS.PARTICIPANT_NO),
                        row.get(ACTIVITY_PARTICIPANTS.REWARD_POINTS),
                        row.get(ACTIVITY_PARTICIPANTS.JOINED_AT).toInstant()));
    }

    private static ActivityView view(ActivitiesRecord row) {
        return new ActivityView(
                new ActivityId(row.getActivityId()),
                new ActivityTerms(
                        row.getName(),
                        row.getDescription(),
                        row.getStartsAt().toInstant(),
                        row.getEndsAt().toInstant(),
                        Levels.parse(row.getLevels()),
                        row.getCapacity(),
                        row.getRewardPoints()),
                ActivityStatus.valueOf(row.getStatus()),
                row.getParticipants(),
                row.getUpdatedAt().toInstant(),
                row.getVersion());
    }
}
