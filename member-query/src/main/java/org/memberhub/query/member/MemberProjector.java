package org.memberhub.query.member;

import static org.memberhub.query.jooq.Tables.MEMBERS;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
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
import org.memberhub.kernel.member.MemberView;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.cache.ViewChanges;
import org.memberhub.query.projection.MemberReadModel;
import org.memberhub.query.projection.ProjectionBatches;
import org.springframework.stereotype.Component;

/**
 * Projects the member list and detail. A processor batch's events are applied in memory to a {@link MemberBatch} and
 * written together. Every change is guarded by the row's version (the sequence number of the last event applied), so
 * replaying any event is harmless and {@code version} always tells how far the row has caught up.
 */
@Component
@ProcessingGroup(MemberProjector.PROCESSING_GROUP)
class MemberProjector implements MemberReadModel {

    static final String PROCESSING_GROUP = "members";

    private final DSLContext dsl;
    private final ViewChanges changes;
    private final MemberViewCache<MemberView> views;

    MemberProjector(DSLContext dsl, ViewChanges changes, MemberViewCache<MemberView> views) {
        this.dsl = dsl;
        this.changes = changes;
        this.views = views;
    }

    @Override
    public void forget(Collection<MemberId> members) {
        List<UUID> ids = members.stream().map(MemberId::value).toList();
        dsl.deleteFrom(MEMBERS).where(MEMBERS.ID.in(ids)).execute();
        changes.changed(views, ids);
    }

    /** A replay starts: this instance's cached details go (each member's are invalidated again as it is rebuilt). */
    @ResetHandler
    void reset() {
        views.clear();
    }

    @EventHandler
    void on(MemberRegisteredEvent event, @Timestamp Instant timestamp, @SequenceNumber long version) {
        batch(batch -> batch.registered(event.memberId(), event.profile(), event.level(), timestamp, version));
    }

    @EventHandler
    void on(MemberProfileUpdatedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version) {
        batch(batch ->
                batch.move(event.memberId(), version, timestamp).ifPresent(row -> batch.profile(row, event.profile())));
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
        batch(batch -> batch.move(event.memberId(), version, timestamp).ifPresent(row -> {
            batch.profile(row, MemberProfile.erased());
            row.setStatus(MemberStatus.DELETED.name());
        }));
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
        batch(batch -> batch.move(event.memberId(), version, null));
    }

    private void changeLevel(MemberEvent event, int level, Instant timestamp, long version) {
        batch(batch ->
                batch.move(event.memberId(), version, timestamp).ifPresent(row -> row.setMemberLevel((short) level)));
    }

    private void changeStatus(MemberEvent event, MemberStatus status, Instant timestamp, long version) {
        batch(batch -> batch.move(event.memberId(), version, timestamp).ifPresent(row -> row.setStatus(status.name())));
    }

    private void batch(Consumer<MemberBatch> change) {
        ProjectionBatches.apply(this, events -> new MemberBatch(dsl, events, changes, views), change);
    }
}
