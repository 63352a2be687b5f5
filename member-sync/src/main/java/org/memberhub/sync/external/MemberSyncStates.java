package org.memberhub.sync.external;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.member.MemberDeletedEvent;
import org.memberhub.kernel.member.MemberErasedEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberProfileUpdatedEvent;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What {@link SyncDecision} decides on, per member, in {@code sync_member_state}: the external version the sync last
 * applied, written by the sync as it applies one, and the last profile edit here by anyone but the sync, read from the
 * member's own events. Only the events appended since the last look are read, and only their type and metadata: a
 * registration, profile change, deletion or erasure whose {@code source} is not {@code sync} is a local edit; purchases,
 * points, levels and freezes are not, and neither are the sync's own commands.
 */
@Repository
class MemberSyncStates {

    /** Events that change the member's record: the only ones that can conflict with the external system's. */
    private static final Set<Class<?>> PROFILE_EVENTS = Set.of(
            MemberRegisteredEvent.class,
            MemberProfileUpdatedEvent.class,
            MemberDeletedEvent.class,
            MemberErasedEvent.class);

    private final JdbcTemplate jdbc;
    private final EventStore events;

    MemberSyncStates(JdbcTemplate jdbc, EventStore events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * @param lastAppliedExternal the external update time last applied to the member (or found in effect); null if none
     * @param lastLocalEdit the member's last profile edit by anyone but the sync; null if none
     * @param eventsReadTo the sequence number of the member's last event looked at; -1 for none
     */
    record State(MemberId member, Instant lastAppliedExternal, Instant lastLocalEdit, long eventsReadTo) {}

    /** The member's state, its local edits brought up to date with every event the member has now. */
    State current(MemberId member) {
        State known = find(member).orElse(new State(member, null, null, -1));
        Instant lastLocalEdit = known.lastLocalEdit();
        long readTo = known.eventsReadTo();
        DomainEventStream stream = events.readEvents(member.toString(), readTo + 1);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            readTo = Math.max(readTo, event.getSequenceNumber());
            if (isLocalProfileEdit(event)
                    && (lastLocalEdit == null || event.getTimestamp().isAfter(lastLocalEdit))) {
                lastLocalEdit = event.getTimestamp();
            }
        }
        if (readTo != known.eventsReadTo()) {
            ensureRow(member);
            jdbc.update(
                    "UPDATE sync_member_state SET last_local_edit_at = ?, events_read_to = ? WHERE member_id = ?",
                    timestamp(lastLocalEdit),
                    readTo,
                    member.value());
        }
        return new State(member, known.lastAppliedExternal(), lastLocalEdit, readTo);
    }

    /** Records that the member now is as this external version has it; never moves back to an earlier version. */
    void applied(MemberId member, Instant external) {
        ensureRow(member);
        jdbc.update(
                "UPDATE sync_member_state SET last_applied_external_at = ? WHERE member_id = ?"
                        + " AND (last_applied_external_at IS NULL OR last_applied_external_at < ?)",
                Timestamp.from(external),
                member.value(),
                Timestamp.from(external));
    }

    private static boolean isLocalProfileEdit(DomainEventMessage<?> event) {
        return PROFILE_EVENTS.contains(event.getPayloadType())
                && !AuditMetadata.SOURCE_SYNC.equals(event.getMetaData().get(AuditMetadata.SOURCE));
    }

    private Optional<State> find(MemberId member) {
        return jdbc
                .query(
                        "SELECT last_applied_external_at, last_local_edit_at, events_read_to FROM sync_member_state"
                                + " WHERE member_id = ?",
                        (row, i) -> state(member, row),
                        member.value())
                .stream()
                .findFirst();
    }

    private void ensureRow(MemberId member) {
        jdbc.update(
                "INSERT INTO sync_member_state (member_id, events_read_to) VALUES (?, -1) ON CONFLICT DO NOTHING",
                member.value());
    }

    private static State state(MemberId member, ResultSet row) throws SQLException {
        return new State(member, instant(row.getTimestamp(1)), instant(row.getTimestamp(2)), row.getLong(3));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
