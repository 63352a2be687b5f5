package org.memberhub.query.level;

import static org.memberhub.query.jooq.Tables.LEVEL_HISTORY;
import static org.memberhub.query.jooq.Tables.MEMBER_LEVELS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.jooq.DSLContext;
import org.memberhub.kernel.level.MemberLevelView;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.cache.ViewChanges;
import org.memberhub.query.jooq.tables.records.LevelHistoryRecord;
import org.memberhub.query.jooq.tables.records.MemberLevelsRecord;
import org.memberhub.query.projection.BatchRows;
import org.memberhub.query.projection.NewRows;
import org.memberhub.query.projection.ProjectionBatch;
import org.memberhub.query.projection.ProjectionBatches;
import org.memberhub.query.support.Origin;

/** The level rows and level history one batch of events changes; every change is guarded by the row's version. */
final class LevelBatch implements ProjectionBatch {

    private final DSLContext dsl;
    private final BatchRows<UUID, MemberLevelsRecord> levels;
    private final NewRows<LevelHistoryRecord> history;

    private final ViewChanges changes;
    private final MemberViewCache<MemberLevelView> views;

    LevelBatch(
            DSLContext dsl,
            List<? extends EventMessage<?>> events,
            ViewChanges changes,
            MemberViewCache<MemberLevelView> views) {
        this.dsl = dsl;
        this.changes = changes;
        this.views = views;
        this.levels = new BatchRows<>(
                dsl,
                MEMBER_LEVELS,
                MemberLevelsRecord::getMemberId,
                MEMBER_LEVELS.MEMBER_ID::in,
                MEMBER_LEVELS.VERSION);
        this.history = new NewRows<>(dsl, LEVEL_HISTORY);
        levels.load(ProjectionBatches.members(events));
    }

    void registered(MemberId member, int level, long version) {
        if (levels.find(member.value()).isPresent()) {
            return;
        }
        MemberLevelsRecord row = dsl.newRecord(MEMBER_LEVELS);
        row.setMemberId(member.value());
        row.setCurrentLevel((short) level);
        row.setNetSpendFen(0L);
        row.setVersion(version);
        levels.put(row);
    }

    /**
     * The member's row, moved to this version, when it has not seen the event yet.
     *
     * @return empty when the row has already seen the event (or the member is unknown)
     */
    Optional<MemberLevelsRecord> move(MemberId member, long version) {
        Optional<MemberLevelsRecord> row = levels.find(member.value()).filter(found -> found.getVersion() < version);
        row.ifPresent(found -> {
            found.setVersion(version);
            levels.changed(found);
        });
        return row;
    }

    void history(
            MemberLevelsRecord row,
            long version,
            Instant timestamp,
            Origin origin,
            String kind,
            int from,
            int to,
            String reason) {
        LevelHistoryRecord entry = dsl.newRecord(LEVEL_HISTORY);
        entry.setMemberId(row.getMemberId());
        entry.setSequenceNumber(version);
        entry.setOccurredAt(LevelProjector.utc(timestamp));
        entry.setKind(kind);
        entry.setFromLevel((short) from);
        entry.setToLevel((short) to);
        entry.setNetSpendFen(row.getNetSpendFen());
        entry.setReason(reason);
        entry.setActor(origin.actor());
        history.add(entry);
    }

    @Override
    public void flush() {
        Set<UUID> changed = levels.changedKeys();
        levels.flush();
        changes.changed(views, changed);
        history.flush();
    }
}
