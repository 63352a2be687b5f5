package org.memberhub.query.member;

import static org.memberhub.query.jooq.Tables.MEMBERS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.jooq.DSLContext;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.cache.ViewChanges;
import org.memberhub.query.jooq.tables.records.MembersRecord;
import org.memberhub.query.projection.BatchRows;
import org.memberhub.query.projection.ProjectionBatch;
import org.memberhub.query.projection.ProjectionBatches;

/**
 * The member rows one batch of events changes (a member's tags are an array of its row). Every change is guarded by
 * the row's version.
 */
final class MemberBatch implements ProjectionBatch {

    private final DSLContext dsl;
    private final BatchRows<UUID, MembersRecord> members;
    private final Set<UUID> touched = new LinkedHashSet<>();
    private final ViewChanges changes;
    private final MemberViewCache<MemberView> views;

    MemberBatch(
            DSLContext dsl,
            List<? extends EventMessage<?>> events,
            ViewChanges changes,
            MemberViewCache<MemberView> views) {
        this.dsl = dsl;
        this.changes = changes;
        this.views = views;
        this.members = new BatchRows<>(dsl, MEMBERS, MembersRecord::getId, MEMBERS.ID::in, MEMBERS.VERSION);
        members.load(ProjectionBatches.members(events));
    }

    void registered(MemberId member, MemberProfile profile, int level, Instant timestamp, long version) {
        if (members.find(member.value()).isPresent()) {
            return;
        }
        MembersRecord row = dsl.newRecord(MEMBERS);
        row.setId(member.value());
        profile(row, profile);
        row.setStatus(MemberStatus.ACTIVE.name());
        row.setMemberLevel((short) level);
        row.setJoinedAt(utc(timestamp));
        row.setUpdatedAt(utc(timestamp));
        row.setVersion(version);
        members.put(row);
        touched.add(member.value());
    }

    /**
     * The member's row, moved to this version, when it has not seen the event yet.
     *
     * @param timestamp when the member changed; null for an event that changes nothing shown
     * @return empty when the row has already seen the event (or the member is unknown)
     */
    Optional<MembersRecord> move(MemberId member, long version, Instant timestamp) {
        Optional<MembersRecord> row = members.find(member.value()).filter(found -> found.getVersion() < version);
        row.ifPresent(found -> {
            found.setVersion(version);
            if (timestamp != null) {
                found.setUpdatedAt(utc(timestamp));
            }
            members.changed(found);
            touched.add(found.getId());
        });
        return row;
    }

    void profile(MembersRecord row, MemberProfile profile) {
        row.setName(profile.name());
        row.setMobile(profile.mobile());
        row.setEmail(profile.email());
        row.setGender(profile.gender().name());
        row.setBirthday(profile.birthday());
        row.setLocale(profile.locale().tag());
        row.setAddress(profile.address());
        row.setNotes(profile.notes());
        row.setExternalRef(profile.externalRef());
        row.setTimeZone(profile.timeZone());
        row.setTags(profile.tags().stream().sorted().toArray(String[]::new));
    }

    @Override
    public void flush() {
        members.flush();
        changes.changed(views, touched);
        touched.clear();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
