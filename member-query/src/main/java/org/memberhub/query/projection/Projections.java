package org.memberhub.query.projection;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.memberhub.query.jooq.Tables.PROJECTION_REPLAY;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.projection.DeadLetterView;
import org.memberhub.kernel.projection.ProjectionAdministration;
import org.memberhub.kernel.projection.ProjectionStatus;
import org.memberhub.kernel.projection.RetryOutcome;
import org.memberhub.query.jooq.tables.records.ProjectionReplayRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Status, replay and dead letters of the processing groups (one event processor each, named after the group). Positions
 * come from the token table, so the status is the same whichever instance answers; errors are those of the
 * answering instance's processor.
 *
 * <p>A status is read from one snapshot of the database. A replay starts by resetting the tokens and recording the
 * start in one transaction; read statement by statement, a status could see the start recorded but the tokens from
 * before the reset, and report the replay done (running, progress 1, no lag) before it had begun.
 */
@Service
public class Projections implements ProjectionAdministration {

    static final Table<Record> TOKENS = table(name("token_entry"));
    static final Field<String> TOKEN_PROCESSOR = field(name("processor_name"), String.class);
    static final Field<Integer> TOKEN_SEGMENT = field(name("segment"), Integer.class);
    static final Field<byte[]> TOKEN = field(name("token"), byte[].class);
    static final Field<String> TOKEN_TYPE = field(name("token_type"), String.class);
    static final Field<String> TOKEN_OWNER = field(name("owner"), String.class);

    private static final Table<Record> EVENTS = table(name("domain_event_entry"));
    private static final Field<Long> GLOBAL_INDEX = field(name("global_index"), Long.class);

    private static final Table<Record> DEAD_LETTERS = table(name("dead_letter_entry"));
    private static final Field<String> LETTER_GROUP = field(name("processing_group"), String.class);
    private static final Field<String> LETTER_SEQUENCE = field(name("sequence_identifier"), String.class);

    private final EventProcessingConfiguration processing;
    private final DSLContext dsl;
    private final Serializer serializer;
    private final Clock clock;
    private final EventStreamBacklog backlog;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate snapshot;

    Projections(
            EventProcessingConfiguration processing,
            DSLContext dsl,
            Serializer serializer,
            Clock clock,
            EventStreamBacklog backlog,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events) {
        this.processing = processing;
        this.events = events;
        this.dsl = dsl;
        this.serializer = serializer;
        this.clock = clock;
        this.backlog = backlog;
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** The names of all processing groups, sorted. */
    public List<String> names() {
        return processing.eventProcessors().keySet().stream().sorted().toList();
    }

    /** Every group's status, all from one snapshot. */
    @Override
    public List<ProjectionStatus> statuses() {
        return snapshot.execute(status -> names().stream().map(this::read).toList());
    }

    /**
     * The group's status, from one snapshot (or, called in a transaction, from what that transaction sees).
     *
     * @throws DomainException {@link ErrorCode#PROJECTION_NOT_FOUND} for an unknown group
     */
    @Override
    public ProjectionStatus status(String group) {
        return snapshot.execute(status -> read(group));
    }

    private ProjectionStatus read(String group) {
        EventProcessor processor = processor(group);
        List<ProjectionStatus.Segment> segments = new ArrayList<>();
        TrackingToken reached = null;
        boolean anyClaimed = false;
        boolean replaying = false;
        Long resetPosition = null;
        for (Record row : dsl.select(TOKEN_SEGMENT, TOKEN, TOKEN_TYPE, TOKEN_OWNER)
                .from(TOKENS)
                .where(TOKEN_PROCESSOR.eq(group))
                .orderBy(TOKEN_SEGMENT)
                .fetch()) {
            TrackingToken token = token(row.get(TOKEN), row.get(TOKEN_TYPE));
            TrackingToken current = WrappedToken.unwrapLowerBound(token);
            // a replay token stays one until an event beyond the reset position arrives; caught up, it is done
            boolean segmentReplaying = token instanceof ReplayToken replay
                    && (current == null || !current.covers(replay.getTokenAtReset()));
            if (segmentReplaying) {
                replaying = true;
                Long atReset = positionOf(((ReplayToken) token).getTokenAtReset());
                resetPosition = resetPosition == null || atReset == null ? atReset : Math.max(resetPosition, atReset);
            }
            anyClaimed |= row.get(TOKEN_OWNER) != null;
            segments.add(new ProjectionStatus.Segment(
                    row.get(TOKEN_SEGMENT), positionOf(current), row.get(TOKEN_OWNER), segmentReplaying));
            reached = segments.size() == 1 ? current : lower(reached, current);
        }
        Long position = positionOf(reached);
        Long head = dsl.select(max(GLOBAL_INDEX)).from(EVENTS).fetchOne(0, Long.class);
        EventStreamBacklog.Backlog backlog = this.backlog.after(reached);
        Duration lagTime = backlog.oldest()
                .map(oldest -> Duration.between(oldest, clock.instant()))
                .map(lag -> lag.isNegative() ? Duration.ZERO : lag)
                .orElse(Duration.ZERO);
        Record parked = dsl.select(count(), countDistinct(LETTER_SEQUENCE))
                .from(DEAD_LETTERS)
                .where(LETTER_GROUP.eq(group))
                .fetchOne();
        String error = localError(processor);
        ProjectionReplayRecord replayRow =
                dsl.fetchOne(PROJECTION_REPLAY, PROJECTION_REPLAY.PROCESSING_GROUP.eq(group));
        boolean pending = replayRow != null && replayRow.getStartedAt() == null;
        String state = pending
                ? "REPLAY_PENDING"
                : replaying
                        ? "REPLAYING"
                        : error != null ? "ERROR" : anyClaimed || processor.isRunning() ? "RUNNING" : "STOPPED";
        return new ProjectionStatus(
                group,
                state,
                position,
                head,
                backlog.events(),
                lagTime,
                parked.get(0, Long.class),
                parked.get(1, Long.class),
                error,
                replayRow == null ? null : replay(replayRow, replaying, position, resetPosition),
                segments);
    }

    private static ProjectionStatus.Replay replay(
            ProjectionReplayRecord row, boolean replaying, Long position, Long resetPosition) {
        Long target = resetPosition != null ? resetPosition : row.getResetPosition();
        double progress;
        if (row.getStartedAt() == null) {
            progress = 0;
        } else if (!replaying || target == null || target <= 0) {
            progress = 1;
        } else {
            progress = Math.min(1, Math.max(0, (position == null ? 0 : position) / (double) target));
        }
        return new ProjectionStatus.Replay(
                row.getRequestedAt().toInstant(),
                row.getRequestedBy(),
                row.getStartedAt() == null ? null : row.getStartedAt().toInstant(),
                row.getStartedBy(),
                target,
                progress);
    }

    /**
     * Asks every instance to replay the group: each stops its processor for the group, and once all have, one resets
     * the tokens and all start again. The replay itself then runs while the API keeps answering from the read model.
     *
     * @throws DomainException {@link ErrorCode#PROJECTION_NOT_FOUND} for an unknown group,
     *     {@link ErrorCode#REPLAY_IN_PROGRESS} while an earlier replay of the group is waiting or running
     */
    @Transactional
    @Override
    public ProjectionStatus requestReplay(String group, String requestedBy) {
        StreamingEventProcessor processor = streaming(group);
        if (!processor.supportsReset()) {
            throw new DomainException(ErrorCode.REPLAY_NOT_SUPPORTED, group);
        }
        ProjectionReplayRecord row = dsl.selectFrom(PROJECTION_REPLAY)
                .where(PROJECTION_REPLAY.PROCESSING_GROUP.eq(group))
                .forUpdate()
                .fetchOne();
        if ((row != null && row.getStartedAt() == null)
                || "REPLAYING".equals(status(group).state())) {
            throw new DomainException(ErrorCode.REPLAY_IN_PROGRESS, group);
        }
        dsl.insertInto(PROJECTION_REPLAY)
                .set(PROJECTION_REPLAY.PROCESSING_GROUP, group)
                .set(PROJECTION_REPLAY.REQUESTED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .set(PROJECTION_REPLAY.REQUESTED_BY, requestedBy)
                .onConflict(PROJECTION_REPLAY.PROCESSING_GROUP)
                .doUpdate()
                .set(PROJECTION_REPLAY.REQUESTED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .set(PROJECTION_REPLAY.REQUESTED_BY, requestedBy)
                .setNull(PROJECTION_REPLAY.STARTED_AT)
                .setNull(PROJECTION_REPLAY.STARTED_BY)
                .setNull(PROJECTION_REPLAY.RESET_POSITION)
                .execute();
        events.publishEvent(new ReplayRequested(group));
        return status(group);
    }

    /** The group's parked events, oldest member first, each member's in order. */
    @Transactional(readOnly = true)
    @Override
    public List<DeadLetterView> deadLetters(String group, int offset, int limit) {
        processor(group);
        return dsl.select()
                .from(DEAD_LETTERS)
                .where(LETTER_GROUP.eq(group))
                .orderBy(field(name("enqueued_at")), LETTER_SEQUENCE, field(name("sequence_index")))
                .offset(offset)
                .limit(limit)
                .fetch(row -> new DeadLetterView(
                        row.get("dead_letter_id", String.class),
                        row.get("sequence_identifier", String.class),
                        row.get("sequence_index", Long.class),
                        row.get("event_identifier", String.class),
                        simpleName(row.get("payload_type", String.class)),
                        row.get("sequence_number", Long.class),
                        instant(row.get("enqueued_at", String.class)),
                        instant(row.get("last_touched", String.class)),
                        row.get("cause_type", String.class),
                        row.get("cause_message", String.class)));
    }

    /**
     * Tries every member's parked events once more, in order. A member whose events now apply leaves the queue; one
     * that fails again stays parked, with the new failure.
     */
    @Override
    public RetryOutcome retryDeadLetters(String group) {
        processor(group);
        SequencedDeadLetterProcessor<?> letters = processing
                .sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new DomainException(ErrorCode.PROJECTION_NOT_FOUND, group));
        long sequences = parkedMembers(group);
        int succeeded = 0;
        int failed = 0;
        for (long i = 0; i < sequences; i++) {
            if (letters.processAny()) {
                succeeded++;
            } else {
                failed++;
            }
        }
        return new RetryOutcome(succeeded, failed, parkedMembers(group));
    }

    private long parkedMembers(String group) {
        return dsl.select(countDistinct(LETTER_SEQUENCE))
                .from(DEAD_LETTERS)
                .where(LETTER_GROUP.eq(group))
                .fetchOne(0, Long.class);
    }

    EventProcessor processor(String group) {
        EventProcessor processor = processing.eventProcessors().get(group);
        if (processor == null) {
            throw new DomainException(ErrorCode.PROJECTION_NOT_FOUND, group);
        }
        return processor;
    }

    StreamingEventProcessor streaming(String group) {
        if (processor(group) instanceof StreamingEventProcessor streaming) {
            return streaming;
        }
        throw new DomainException(ErrorCode.REPLAY_NOT_SUPPORTED, group);
    }

    private static String localError(EventProcessor processor) {
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return null;
        }
        return streaming.processingStatus().values().stream()
                .filter(EventTrackerStatus::isErrorState)
                .sorted(Comparator.comparingInt(status -> status.getSegment().getSegmentId()))
                .map(status -> status.getError() == null ? "unknown failure" : Failures.summary(status.getError()))
                .findFirst()
                .orElse(null);
    }

    /**
     * A position that every segment of each of the groups has passed (the lower bound of their tokens, a replay's
     * current position for a group being replayed), so every event it covers has been applied by all of them; null
     * when a group has not started or the positions cannot be compared.
     */
    public TrackingToken passedByAll(List<String> groups) {
        TrackingToken passed = null;
        try {
            for (String group : groups) {
                List<? extends Record> rows = dsl.select(TOKEN, TOKEN_TYPE)
                        .from(TOKENS)
                        .where(TOKEN_PROCESSOR.eq(group))
                        .fetch();
                if (rows.isEmpty()) {
                    return null;
                }
                for (Record row : rows) {
                    TrackingToken token = WrappedToken.unwrapLowerBound(token(row.get(TOKEN), row.get(TOKEN_TYPE)));
                    if (token == null) {
                        return null;
                    }
                    passed = passed == null ? token : passed.lowerBound(token);
                }
            }
        } catch (IllegalArgumentException e) {
            return null; // tokens of different kinds, while a store's order is being changed
        }
        return passed;
    }

    private TrackingToken token(byte[] data, String type) {
        if (data == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
    }

    private static Long positionOf(TrackingToken token) {
        if (token == null) {
            return null;
        }
        OptionalLong position = token.position();
        return position.isPresent() ? position.getAsLong() : null;
    }

    private static TrackingToken lower(TrackingToken a, TrackingToken b) {
        if (a == null || b == null) {
            return null;
        }
        return a.lowerBound(b);
    }

    private static String simpleName(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** A replay was asked for on this instance (published within the request's transaction). */
    record ReplayRequested(String group) {}
}
