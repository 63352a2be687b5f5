package org.memberhub.query.member;

import static org.memberhub.query.jooq.Tables.MEMBERS;
import static org.memberhub.query.jooq.Tables.MEMBER_TAGS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.memberhub.kernel.level.LevelAdjustedEvent;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.LevelDowngradedEvent;
import org.memberhub.kernel.level.LevelUpgradedEvent;
import org.memberhub.kernel.member.MemberDeletedEvent;
import org.memberhub.kernel.member.MemberErasedEvent;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberFrozenEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberProfileUpdatedEvent;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberUnfrozenEvent;
import org.memberhub.query.projection.MemberReadModel;
import org.springframework.stereotype.Component;

/**
 * Projects the member list and detail. Every write is guarded by the row's version (the sequence number of the last
 * event applied), so replaying any event is harmless and {@code version} always tells how far the row has caught up.
 */
@Component
@ProcessingGroup(MemberProjector.PROCESSING_GROUP)
class MemberProjector implements MemberReadModel {

    static final String PROCESSING_GROUP = "members";

    private final DSLContext dsl;

    MemberProjector(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void forget(MemberId member) {
        dsl.deleteFrom(MEMBER_TAGS)
                .where(MEMBER_TAGS.MEMBER_ID.eq(member.value()))
                .execute();
        dsl.deleteFrom(MEMBERS).where(MEMBERS.ID.eq(member.value())).execute();
    }

    @EventHandler
    void on(MemberRegisteredEvent event, @Timestamp Instant timestamp, @SequenceNumber long version) {
        int inserted = dsl.insertInto(MEMBERS)
                .set(MEMBERS.ID, event.memberId().value())
                .set(profileFields(event.profile()))
                .set(MEMBERS.STATUS, MemberStatus.ACTIVE.name())
                .set(MEMBERS.MEMBER_LEVEL, (short) event.level())
                .set(MEMBERS.JOINED_AT, utc(timestamp))
                .set(MEMBERS.UPDATED_AT, utc(timestamp))
                .set(MEMBERS.VERSION, version)
                .onConflictDoNothing()
                .execute();
        if (inserted > 0) {
            insertTags(event.memberId().value(), event.profile().tags());
        }
    }

    @EventHandler
    void on(MemberProfileUpdatedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version) {
        UUID id = event.memberId().value();
        int updated = dsl.update(MEMBERS)
                .set(profileFields(event.profile()))
                .set(MEMBERS.UPDATED_AT, utc(timestamp))
                .set(MEMBERS.VERSION, version)
                .where(MEMBERS.ID.eq(id))
                .and(MEMBERS.VERSION.lt(version))
                .execute();
        if (updated > 0) {
            dsl.deleteFrom(MEMBER_TAGS).where(MEMBER_TAGS.MEMBER_ID.eq(id)).execute();
            insertTags(id, event.profile().tags());
        }
    }

    @EventHandler
    void on(MemberFrozenEvent event, @Timestamp Instant timestamp, @SequenceNumber long version) {
        changeStatus(event, MemberStatus.FROZEN, timestamp, version);
    }

    @EventHandler
    void on(MemberUnfrozenEvent event, @Timestamp Instant timestamp, @SequenceNumber long version) {
        changeStatus(event, MemberStatus.ACTIVE, timestamp, version);
    }

    @EventHandler
    void on(MemberDeletedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version) {
        changeStatus(event, MemberStatus.DELETED, timestamp, version);
    }

    /** Overwrites every personal column and drops the tags: the member's personal data is gone for good. */
    @EventHandler
    void on(MemberErasedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version) {
        UUID id = event.memberId().value();
        int updated = dsl.update(MEMBERS)
                .set(profileFields(MemberProfile.erased()))
                .set(MEMBERS.STATUS, MemberStatus.DELETED.name())
                .set(MEMBERS.UPDATED_AT, utc(timestamp))
                .set(MEMBERS.VERSION, version)
                .where(MEMBERS.ID.eq(id))
                .and(MEMBERS.VERSION.lt(version))
                .execute();
        if (updated > 0) {
            dsl.deleteFrom(MEMBER_TAGS).where(MEMBER_TAGS.MEMBER_ID.eq(id)).execute();
        }
    }

    @EventHandler
    void on(LevelUpgradedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version) {
        changeLevel(event, event.toLevel(), timestamp, version);
    }

    @EventHandler
    void on(LevelDowngradedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version) {
        changeLevel(event, event.toLevel(), timestamp, version);
    }

    @EventHandler
    void on(LevelAdjustedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version) {
        changeLevel(event, event.toLevel(), timestamp, version);
    }

    @EventHandler
    void on(LevelAdjustmentEndedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version) {
        changeLevel(event, event.toLevel(), timestamp, version);
    }

    /** Any other event of the member still moves the row's version, which ETags and consistency tokens rely on. */
    @EventHandler
    void on(MemberEvent event, @SequenceNumber long version) {
        dsl.update(MEMBERS)
                .set(MEMBERS.VERSION, version)
                .where(MEMBERS.ID.eq(event.memberId().value()))
                .and(MEMBERS.VERSION.lt(version))
                .execute();
    }

    private void changeLevel(MemberEvent event, int level, Instant timestamp, long version) {
        dsl.update(MEMBERS)
                .set(MEMBERS.MEMBER_LEVEL, (short) level)
                .set(MEMBERS.UPDATED_AT, utc(timestamp))
                .set(MEMBERS.VERSION, version)
                .where(MEMBERS.ID.eq(event.memberId().value()))
                .and(MEMBERS.VERSION.lt(version))
                .execute();
    }

    private void changeStatus(MemberEvent event, MemberStatus status, Instant timestamp, long version) {
        dsl.update(MEMBERS)
                .set(MEMBERS.STATUS, status.name())
                .set(MEMBERS.UPDATED_AT, utc(timestamp))
                .set(MEMBERS.VERSION, version)
                .where(MEMBERS.ID.eq(event.memberId().value()))
                .and(MEMBERS.VERSION.lt(version))
                .execute();
    }

    private static Map<Field<?>, Object> profileFields(MemberProfile profile) {
        Map<Field<?>, Object> fields = new HashMap<>();
        fields.put(MEMBERS.NAME, profile.name());
        fields.put(MEMBERS.MOBILE, profile.mobile());
        fields.put(MEMBERS.EMAIL, profile.email());
        fields.put(MEMBERS.GENDER, profile.gender().name());
        fields.put(MEMBERS.BIRTHDAY, profile.birthday());
        fields.put(MEMBERS.LOCALE, profile.locale().tag());
        fields.put(MEMBERS.ADDRESS, profile.address());
        fields.put(MEMBERS.NOTES, profile.notes());
        fields.put(MEMBERS.EXTERNAL_REF, profile.externalRef());
        fields.put(MEMBERS.TIME_ZONE, profile.timeZone());
        return fields;
    }

    private void insertTags(UUID memberId, List<String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(MEMBER_TAGS, MEMBER_TAGS.MEMBER_ID, MEMBER_TAGS.TAG);
        for (String tag : tags) {
            insert = insert.values(memberId, tag);
        }
        insert.onConflictDoNothing().execute();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
