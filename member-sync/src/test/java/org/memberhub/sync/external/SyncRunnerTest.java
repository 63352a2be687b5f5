package org.memberhub.sync.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.RETURNS_DEFAULTS;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.member.DeleteMemberCommand;
import org.memberhub.kernel.member.FindMemberByExternalRefQuery;
import org.memberhub.kernel.member.FindMemberIdByExternalRefQuery;
import org.memberhub.kernel.member.FindMemberQuery;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.kernel.member.ProfileRules;
import org.memberhub.kernel.member.RegisterMemberCommand;
import org.memberhub.kernel.member.UpdateMemberProfileCommand;
import org.memberhub.kernel.sync.SyncCounts;
import org.memberhub.kernel.sync.SyncMode;
import org.memberhub.kernel.sync.SyncOutcome;
import org.memberhub.kernel.sync.SyncRecordDecision;
import org.memberhub.kernel.sync.SyncRecordError;
import org.memberhub.kernel.sync.SyncRunStatus;

/**
 * What one sync run does with each external record, given what the sync knows of the member: the latest-wins table
 * of {@link SyncDecision} carried through to commands, outcomes, reasons and the watermark. The external API, the
 * run and state tables and the buses are in-memory stand-ins; refusals are checked by code.
 */
class SyncRunnerTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private static final Instant T5 = NOW.minus(Duration.ofHours(5));
    private static final Instant T7 = NOW.minus(Duration.ofHours(3));
    private static final Instant T10 = NOW.minus(Duration.ofHours(1));
    private static final Instant T12 = NOW.minus(Duration.ofMinutes(30));
    private static final long RUN = 42;

    private final Pages pages = new Pages();
    private final Runs runs = new Runs();
    private final States states = new States();
    private final Failures failures = new Failures();
    private final Members members = new Members();
    private SyncRunner runner;

    @BeforeEach
    void runner() {
        SyncProperties properties = new SyncProperties(
                external(), Duration.ofHours(1), Duration.ofMinutes(2), Duration.ZERO, 3, Duration.ofDays(30));
        runner = new SyncRunner(
                pages,
                runs,
                states,
                failures,
                members.commands(),
                members.queries(),
                Clock.fixed(NOW, ZoneOffset.UTC),
                new SimpleMeterRegistry(),
                properties,
                "node-1");
    }

    @Nested
    class ANewRecord {

        @Test
        void registersAMemberFromIt() {
            run(record("CRM-1", "Alice", T10, false));

            RegisterMemberCommand registered = members.sent(RegisterMemberCommand.class);
            assertThat(registered.profile().name()).isEqualTo("Alice");
            assertThat(registered.profile().externalRef()).isEqualTo("CRM-1");
            assertThat(registered.profile().locale()).isEqualTo(MemberLocale.ZH_CN);
            assertDecided(SyncOutcome.CREATED, "APPLY");
            assertThat(states.applied).containsEntry(registered.memberId(), T10);
            assertThat(members.metadata.get(0))
                    .containsEntry(AuditMetadata.SOURCE, AuditMetadata.SOURCE_SYNC)
                    .containsEntry(AuditMetadata.SYNC_RUN, String.valueOf(RUN));
        }

        @Test
        void thatIsDeletedChangesNothing() {
            run(record("CRM-1", "Alice", T10, true));

            assertThat(members.sent).isEmpty();
            assertDecided(SyncOutcome.UNCHANGED, "NOTHING_TO_DO");
        }

        @Test
        void ofAMemberDeletedHereAfterTheExternalChangeDoesNotBringItBack() {
            MemberId deleted = members.add("CRM-1", "Alice", MemberStatus.DELETED);
            states.set(deleted, T5, T12);

            run(record("CRM-1", "Alicia", T10, false));

            assertThat(members.sent).isEmpty();
            assertDecided(SyncOutcome.CONFLICT_WON_LOCALLY, "KEEP_LOCAL");
        }

        @Test
        void ofAMemberDeletedHereBeforeTheExternalChangeRegistersANewMember() {
            MemberId deleted = members.add("CRM-1", "Alice", MemberStatus.DELETED);
            states.set(deleted, T5, T7);

            run(record("CRM-1", "Alicia", T10, false));

            assertThat(members.sent(RegisterMemberCommand.class).memberId()).isNotEqualTo(deleted);
            assertDecided(SyncOutcome.CREATED, "APPLY");
        }
    }

    @Nested
    class ARecordOfAMember {

        private MemberId alice;

        @BeforeEach
        void alice() {
            alice = members.add("CRM-1", "Alice", MemberStatus.ACTIVE);
        }

        @Test
        void nobodyEditedHereIsApplied() {
            states.set(alice, T5, null);

            run(record("CRM-1", "Alicia", T10, false));

            UpdateMemberProfileCommand update = members.sent(UpdateMemberProfileCommand.class);
            assertThat(update.memberId()).isEqualTo(alice);
            assertThat(update.profile().name()).isEqualTo("Alicia");
            assertThat(update.profile().notes()).as("notes are ours").isEqualTo("regular");
            assertThat(update.expectedVersion()).isEqualTo(3L);
            assertDecided(SyncOutcome.UPDATED, "APPLY");
            assertThat(states.applied).containsEntry(alice, T10);
        }

        @Test
        void editedHereBeforeTheLastAppliedVersionIsApplied() {
            states.set(alice, T7, T5);

            run(record("CRM-1", "Alicia", T10, false));

            assertThat(members.sent(UpdateMemberProfileCommand.class).profile().name())
                    .isEqualTo("Alicia");
            assertDecided(SyncOutcome.UPDATED, "APPLY");
        }

        @Test
        void editedHereSinceTheLastAppliedVersionButBeforeTheExternalChangeIsAConflictWonExternally() {
            states.set(alice, T5, T7);

            run(record("CRM-1", "Alicia", T10, false));

            assertThat(members.sent(UpdateMemberProfileCommand.class).profile().name())
                    .isEqualTo("Alicia");
            assertDecided(SyncOutcome.CONFLICT_WON_EXTERNALLY, "APPLY_OVER_LOCAL_EDIT");
        }

        @Test
        void editedHereAfterTheExternalChangeIsAConflictWonLocally() {
            states.set(alice, T5, T12);

            run(record("CRM-1", "Alicia", T10, false));

            assertThat(members.sent).isEmpty();
            assertDecided(SyncOutcome.CONFLICT_WON_LOCALLY, "KEEP_LOCAL");
            assertThat(states.applied).doesNotContainKey(alice);
        }

        @Test
        void alreadyAppliedIsSkipped() {
            states.set(alice, T10, null);

            run(record("CRM-1", "Alicia", T10, false));

            assertThat(members.sent).isEmpty();
            assertDecided(SyncOutcome.UNCHANGED, "SKIP_ALREADY_APPLIED");
        }

        @Test
        void olderThanTheLastAppliedVersionIsSkipped() {
            states.set(alice, T12, null);

            run(record("CRM-1", "Alicia", T10, false));

            assertThat(members.sent).isEmpty();
            assertDecided(SyncOutcome.UNCHANGED, "SKIP_OUTDATED");
        }

        @Test
        void thatMatchesTheMemberSendsNothingButCountsAsApplied() {
            states.set(alice, T5, null);

            run(record("CRM-1", "Alice", T10, false));

            assertThat(members.sent).isEmpty();
            assertDecided(SyncOutcome.UNCHANGED, "PROFILE_EQUAL");
            assertThat(states.applied).containsEntry(alice, T10);
        }

        @Test
        void deletedExternallyDeletesTheMember() {
            states.set(alice, T5, null);

            run(record("CRM-1", "Alice", T10, true));

            DeleteMemberCommand delete = members.sent(DeleteMemberCommand.class);
            assertThat(delete.memberId()).isEqualTo(alice);
            assertThat(delete.expectedVersion()).isEqualTo(3L);
            assertDecided(SyncOutcome.DELETED, "APPLY");
        }

        @Test
        void deletedExternallyAfterALocalEditIsAConflictWonExternally() {
            states.set(alice, T5, T7);

            run(record("CRM-1", "Alice", T10, true));

            assertThat(members.sent(DeleteMemberCommand.class).memberId()).isEqualTo(alice);
            assertDecided(SyncOutcome.CONFLICT_WON_EXTERNALLY, "APPLY_OVER_LOCAL_EDIT");
        }

        @Test
        void deletedExternallyBeforeALocalEditKeepsTheMember() {
            states.set(alice, T5, T12);

            run(record("CRM-1", "Alice", T10, true));

            assertThat(members.sent).isEmpty();
            assertDecided(SyncOutcome.CONFLICT_WON_LOCALLY, "KEEP_LOCAL");
        }

        @Test
        void isDecidedAgainWhenTheMemberChangedMeanwhile() {
            states.set(alice, T5, null);
            members.refuse(alice, ErrorCode.VERSION_MISMATCH);

            run(record("CRM-1", "Alicia", T10, false));

            assertThat(members.sent).hasSize(1);
            assertDecided(SyncOutcome.UPDATED, "APPLY");
        }
    }

    @Nested
    class ARecordThatCannotBeApplied {

        @Test
        void withoutAUsableIdentityOrTimeIsQuarantinedAtOnce() {
            run(
                    record(null, "Nobody", T5, false),
                    record("CRM 2", "Spaces", T7, false),
                    record("C" + "x".repeat(64), "Too long", T7, false),
                    record("CRM-3", "No time", null, false));

            assertThat(members.sent).isEmpty();
            assertThat(runs.decisions)
                    .extracting(SyncRecordDecision::outcome, SyncRecordDecision::reason)
                    .containsOnly(tuple(SyncOutcome.QUARANTINED, ErrorCode.INVALID_PROFILE.name()));
            assertThat(runs.errors).extracting(SyncRecordError::code).containsOnly("INVALID_PROFILE");
            assertThat(failures.failed).hasSize(4);
            assertThat(runs.finished).isEqualTo(SyncRunStatus.SUCCEEDED);
        }

        @Test
        void refusedFailsWithTheRefusalsCodeAndIsQuarantinedAfterRepeatedRuns() {
            ExternalMember badGender = new ExternalMember(
                    "CRM-1", "Alice", "13800000001", null, "robot", null, null, List.of(), T10, false);

            for (int attempt = 1; attempt <= 3; attempt++) {
                runs.decisions.clear();
                run(badGender);
                assertDecided(
                        attempt < 3 ? SyncOutcome.FAILED : SyncOutcome.QUARANTINED, ErrorCode.INVALID_PROFILE.name());
            }
            assertThat(members.sent).isEmpty();
            assertThat(runs.errors).extracting(SyncRecordError::code).containsOnly("INVALID_PROFILE");
        }

        @Test
        void thatFailsForAPassingReasonIsTriedAgainWithoutCountingTowardsQuarantine() {
            MemberId alice = members.add("CRM-1", "Alice", MemberStatus.ACTIVE);
            states.set(alice, T5, null);

            for (int attempt = 1; attempt <= 4; attempt++) {
                runs.decisions.clear();
                members.refuse(alice, ErrorCode.VERSION_MISMATCH, ErrorCode.VERSION_MISMATCH);
                run(record("CRM-1", "Alicia", T10, false));
                assertDecided(SyncOutcome.FAILED, ErrorCode.VERSION_MISMATCH.name());
            }
            assertThat(failures.failed).isEmpty();
        }

        @Test
        void holdsTheWatermarkBackAtTheLastRecordBeforeIt() {
            MemberId alice = members.add("CRM-2", "Alice", MemberStatus.ACTIVE);
            states.set(alice, T5, null);
            members.refuse(alice, ErrorCode.VERSION_MISMATCH, ErrorCode.VERSION_MISMATCH);

            run(
                    record("CRM-1", "Bob", T5, false),
                    record("CRM-2", "Alicia", T7, false),
                    record("CRM-3", "Carol", T10, false));

            assertThat(runs.decisions)
                    .extracting(SyncRecordDecision::outcome)
                    .containsExactly(SyncOutcome.CREATED, SyncOutcome.FAILED, SyncOutcome.CREATED);
            assertThat(runs.watermark).isEqualTo(T5);
            assertThat(runs.counts.created()).isEqualTo(2);
            assertThat(runs.counts.failed()).isEqualTo(1);
            assertThat(runs.finished).isEqualTo(SyncRunStatus.SUCCEEDED);
        }
    }

    @Test
    void readsPageAfterPageAndMovesTheWatermarkToTheLastRecord() {
        pages.add(new ExternalMemberPage(List.of(record("CRM-1", "Alice", T5, false)), true));
        pages.add(new ExternalMemberPage(List.of(record("CRM-2", "Bob", T7, false)), false));

        runner.run(RUN, SyncMode.FULL, null, null);

        assertThat(pages.asked).containsExactly("null/null", T5 + "/CRM-1");
        assertThat(runs.decisions).extracting(SyncRecordDecision::seq).containsExactly(1L, 2L);
        assertThat(runs.watermark).isEqualTo(T7);
        assertThat(runs.finished).isEqualTo(SyncRunStatus.SUCCEEDED);
    }

    @Test
    void aRunWhoseExternalSystemFailsEndsFailedAndKeepsWhatItApplied() {
        pages.add(new ExternalMemberPage(List.of(record("CRM-1", "Alice", T5, false)), true));

        runner.run(RUN, SyncMode.INCREMENTAL, T5, T5.minusSeconds(60));

        assertThat(members.sent(RegisterMemberCommand.class).profile().externalRef())
                .isEqualTo("CRM-1");
        assertThat(runs.watermark).isEqualTo(T5);
        assertThat(runs.finished).isEqualTo(SyncRunStatus.FAILED);
    }

    private void run(ExternalMember... records) {
        pages.add(new ExternalMemberPage(List.of(records), false));
        runner.run(RUN, SyncMode.INCREMENTAL, null, null);
    }

    /** The outcome and reason of the only record decided. */
    private void assertDecided(SyncOutcome outcome, String reason) {
        assertThat(runs.decisions).singleElement().satisfies(only -> {
            assertThat(only.outcome()).isEqualTo(outcome);
            assertThat(only.reason()).isEqualTo(reason);
        });
    }

    private static ExternalMember record(String externalId, String name, Instant updatedAt, boolean deleted) {
        return new ExternalMember(
                externalId,
                name,
                "13800000001",
                "a@example.com",
                "female",
                LocalDate.of(1990, 5, 1),
                null,
                List.of("vip"),
                updatedAt,
                deleted);
    }

    private static SyncProperties.External external() {
        return new SyncProperties.External(
                URI.create("http://127.0.0.1:9"), null, 100, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    /** The external member API: pages handed out in turn; none left is the API failing. */
    private static final class Pages extends ExternalMemberClient {
        final Queue<ExternalMemberPage> queued = new ArrayDeque<>();
        final List<String> asked = new ArrayList<>();

        Pages() {
            super(external());
        }

        void add(ExternalMemberPage page) {
            queued.add(page);
        }

        @Override
        ExternalMemberPage page(Instant updatedSince, String afterId) {
            asked.add(updatedSince + "/" + afterId);
            ExternalMemberPage page = queued.poll();
            if (page == null) {
                throw new IllegalStateException("the external member API answered 503");
            }
            return page;
        }
    }

    private static final class Runs extends SyncRuns {
        final List<SyncRecordDecision> decisions = new ArrayList<>();
        final List<SyncRecordError> errors = new ArrayList<>();
        SyncCounts counts;
        Instant watermark;
        SyncRunStatus finished;

        Runs() {
            super(null);
        }

        @Override
        void recordDecisions(long runId, List<SyncRecordDecision> decided) {
            decisions.addAll(decided);
        }

        @Override
        void recordError(long runId, SyncRecordError error) {
            errors.add(error);
        }

        @Override
        void progress(long runId, SyncCounts counts, Instant watermarkTo) {
            this.counts = counts;
            if (watermarkTo != null) {
                watermark = watermarkTo;
            }
        }

        @Override
        boolean renew(long runId, String owner, Instant until) {
            return true;
        }

        @Override
        void finish(long runId, SyncRunStatus status, Instant now, SyncCounts counts, String error) {
            finished = status;
            if (counts != null) {
                this.counts = counts;
            }
        }

        @Override
        int pruneDecisions(Instant before) {
            return 0;
        }
    }

    private static final class States extends MemberSyncStates {
        final Map<MemberId, State> known = new HashMap<>();
        final Map<MemberId, Instant> applied = new HashMap<>();

        States() {
            super(null, null);
        }

        void set(MemberId member, Instant lastApplied, Instant lastLocalEdit) {
            known.put(member, new State(member, lastApplied, lastLocalEdit, 2));
        }

        @Override
        State current(MemberId member) {
            return known.getOrDefault(member, new State(member, null, null, -1));
        }

        @Override
        void applied(MemberId member, Instant external) {
            applied.put(member, external);
        }
    }

    private static final class Failures extends RecordFailures {
        final Map<String, Integer> failed = new HashMap<>();

        Failures() {
            super(null);
        }

        @Override
        boolean quarantined(String externalId, Instant version) {
            return false;
        }

        @Override
        boolean failed(String externalId, Instant version, String code, long runId, Instant now, int quarantineAfter) {
            return failed.merge(externalId + "@" + version, 1, Integer::sum) >= quarantineAfter;
        }

        @Override
        void succeeded(String externalId, Instant version) {
            failed.remove(externalId + "@" + version);
        }
    }

    /** The members the read model knows, answering the runner's queries, and the commands it sends. */
    private static final class Members {
        final Map<String, MemberView> byExternalRef = new HashMap<>();
        final List<Object> sent = new ArrayList<>();
        final List<Map<String, Object>> metadata = new ArrayList<>();
        final Map<MemberId, Queue<ErrorCode>> refusals = new HashMap<>();

        MemberId add(String externalRef, String name, MemberStatus status) {
            MemberId id = MemberId.newId();
            MemberProfile profile = ProfileRules.normalize(
                    new MemberProfile(
                            name,
                            "13800000001",
                            "a@example.com",
                            Gender.FEMALE,
                            LocalDate.of(1990, 5, 1),
                            MemberLocale.EN,
                            null,
                            "regular",
                            List.of("vip"),
                            externalRef,
                            "Asia/Shanghai"),
                    LocalDate.ofInstant(NOW, ZoneOffset.UTC));
            byExternalRef.put(externalRef, new MemberView(id, profile, status, 1, T5, T5, 3));
            return id;
        }

        /** The next commands to the member are refused with these codes, one each. */
        void refuse(MemberId member, ErrorCode... codes) {
            refusals.computeIfAbsent(member, any -> new ArrayDeque<>()).addAll(List.of(codes));
        }

        <C> C sent(Class<C> type) {
            assertThat(sent).hasSize(1).first().isInstanceOf(type);
            return type.cast(sent.get(0));
        }

        CommandGateway commands() {
            return mock(CommandGateway.class, invocation -> {
                if (!invocation.getMethod().getName().equals("sendAndWait")) {
                    return RETURNS_DEFAULTS.answer(invocation);
                }
                CommandMessage<?> command = (CommandMessage<?>) invocation.getArgument(0);
                MemberId target = target(command.getPayload());
                ErrorCode refusal = Optional.ofNullable(refusals.get(target))
                        .map(Queue::poll)
                        .orElse(null);
                if (refusal != null) {
                    throw new DomainException(refusal);
                }
                sent.add(command.getPayload());
                metadata.add(Map.copyOf(command.getMetaData()));
                return null;
            });
        }

        QueryGateway queries() {
            return mock(QueryGateway.class, invocation -> {
                if (!invocation.getMethod().getName().equals("query")) {
                    return RETURNS_DEFAULTS.answer(invocation);
                }
                Object query = invocation.getArgument(0);
                Optional<?> answer;
                if (query instanceof FindMemberIdByExternalRefQuery byRef) {
                    answer = live(byRef.externalRef()).map(MemberView::id);
                } else if (query instanceof FindMemberByExternalRefQuery byRef) {
                    answer = Optional.ofNullable(byExternalRef.get(byRef.externalRef()));
                } else if (query instanceof FindMemberQuery byId) {
                    answer = byExternalRef.values().stream()
                            .filter(member -> member.id().equals(byId.memberId()))
                            .findFirst();
                } else {
                    throw new UnsupportedOperationException(String.valueOf(query));
                }
                return CompletableFuture.completedFuture(answer);
            });
        }

        private static MemberId target(Object command) {
            if (command instanceof RegisterMemberCommand register) {
                return register.memberId();
            }
            if (command instanceof UpdateMemberProfileCommand update) {
                return update.memberId();
            }
            if (command instanceof DeleteMemberCommand delete) {
                return delete.memberId();
            }
            throw new UnsupportedOperationException(command.getClass().getName());
        }

        private Optional<MemberView> live(String externalRef) {
            return Optional.ofNullable(byExternalRef.get(externalRef))
                    .filter(member -> member.status() != MemberStatus.DELETED);
        }
    }
}
