package org.memberhub.command.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.hamcrest.Matchers.containsString;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.member.DeleteMemberCommand;
import org.memberhub.kernel.member.FreezeMemberCommand;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.InvalidProfileException;
import org.memberhub.kernel.member.MemberDeletedEvent;
import org.memberhub.kernel.member.MemberFrozenEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberProfileUpdatedEvent;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberUnfrozenEvent;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.kernel.member.ProfileViolation;
import org.memberhub.kernel.member.RegisterMemberCommand;
import org.memberhub.kernel.member.UnfreezeMemberCommand;
import org.memberhub.kernel.member.UpdateMemberProfileCommand;

class MemberTest {

    private static final MemberId ID = MemberId.of("0190f2a4-1c3e-7a00-8000-000000000001");
    private static final MemberId OTHER = MemberId.of("0190f2a4-1c3e-7a00-8000-000000000002");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T04:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private FixtureConfiguration<Member> fixture;
    private InMemoryUniqueKeys uniqueKeys;

    @BeforeEach
    void setUp() {
        uniqueKeys = new InMemoryUniqueKeys();
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(uniqueKeys);
        fixture.registerInjectableResource(CLOCK);
    }

    // registration

    @Test
    void registersWithTheProfileInCanonicalForm() {
        MemberProfile entered = new MemberProfile(
                "  Alice Wang ",
                "+86 138-0013-8000",
                " Alice@Example.COM ",
                null,
                LocalDate.of(1990, 5, 1),
                null,
                " ",
                null,
                List.of("vip", " gold ", "vip"),
                " EXT-1 ",
                null);
        MemberProfile canonical = new MemberProfile(
                "Alice Wang",
                "13800138000",
                "alice@example.com",
                Gender.UNDISCLOSED,
                LocalDate.of(1990, 5, 1),
                MemberLocale.ZH_CN,
                null,
                null,
                List.of("gold", "vip"),
                "EXT-1",
                null);

        fixture.givenNoPriorActivity()
                .when(new RegisterMemberCommand(ID, entered))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberRegisteredEvent(ID, canonical, 1))
                .expectResultMessagePayloadMatching(matches(result -> {
                    MemberView view = (MemberView) result;
                    return view.id().equals(ID)
                            && view.profile().equals(canonical)
                            && view.status() == MemberStatus.ACTIVE
                            && view.level() == 1
                            && view.version() == 0
                            && view.joinedAt() != null;
                }));
        assertThat(uniqueKeys.holders)
                .containsKeys(
                        new UniqueKey(UniqueKey.Type.MOBILE, "13800138000"),
                        new UniqueKey(UniqueKey.Type.EMAIL, "alice@example.com"),
                        new UniqueKey(UniqueKey.Type.EXTERNAL_REF, "EXT-1"));
    }

    @Test
    void refusesRegistrationWithAnotherMembersMobile() {
        uniqueKeys.claim(OTHER, new UniqueKey(UniqueKey.Type.MOBILE, "13800138000"));

        fixture.givenNoPriorActivity()
                .when(new RegisterMemberCommand(ID, profile("Alice", "13800138000", "alice@example.com")))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString(ErrorCode.DUPLICATE_MOBILE.name()));
    }

    @Test
    void refusesRegistrationWithAnotherMembersEmail() {
        uniqueKeys.claim(OTHER, new UniqueKey(UniqueKey.Type.EMAIL, "alice@example.com"));

        fixture.givenNoPriorActivity()
                .when(new RegisterMemberCommand(ID, profile("Alice", "13800138000", "ALICE@example.com")))
                .expectNoEvents()
                .expectExceptionMessage(containsString(ErrorCode.DUPLICATE_EMAIL.name()));
    }

    @Test
    void refusesRegistrationWithAnotherMembersExternalReference() {
        uniqueKeys.claim(OTHER, new UniqueKey(UniqueKey.Type.EXTERNAL_REF, "EXT-1"));
        MemberProfile profile =
                new MemberProfile("Alice", "13800138000", null, null, null, null, null, null, List.of(), "EXT-1", null);

        fixture.givenNoPriorActivity()
                .when(new RegisterMemberCommand(ID, profile))
                .expectNoEvents()
                .expectExceptionMessage(containsString(ErrorCode.DUPLICATE_EXTERNAL_REF.name()));
    }

    @Test
    void refusesRegistrationWithAnInvalidProfile() {
        MemberProfile invalid = new MemberProfile(
                " ",
                "12345",
                "not-an-email",
                null,
                LocalDate.of(2030, 1, 1),
                null,
                null,
                null,
                List.of("a,b"),
                "x y",
                null);

        fixture.givenNoPriorActivity()
                .when(new RegisterMemberCommand(ID, invalid))
                .expectNoEvents()
                .expectException(InvalidProfileException.class)
                .expectException(matches(e -> ((InvalidProfileException) e)
                        .violations()
                        .equals(List.of(
                                new ProfileViolation("name", ProfileViolation.REQUIRED),
                                new ProfileViolation("mobile", ProfileViolation.INVALID_MOBILE),
                                new ProfileViolation("email", ProfileViolation.INVALID_EMAIL),
                                new ProfileViolation("birthday", ProfileViolation.OUT_OF_RANGE),
                                new ProfileViolation("tags", ProfileViolation.INVALID_FORMAT),
                                new ProfileViolation("externalRef", ProfileViolation.INVALID_FORMAT)))));
        assertThat(uniqueKeys.holders).isEmpty();
    }

    // profile update

    @Test
    void updatesTheProfileAndMovesUniqueValues() {
        MemberProfile before = registered("Alice", "13800138000", "alice@example.com");
        uniqueKeys.claim(ID, new UniqueKey(UniqueKey.Type.MOBILE, "13800138000"));
        uniqueKeys.claim(ID, new UniqueKey(UniqueKey.Type.EMAIL, "alice@example.com"));
        MemberProfile after = registered("Alice Li", "13900139000", null);

        fixture.given(new MemberRegisteredEvent(ID, before, 1))
                .when(new UpdateMemberProfileCommand(ID, after, 0L))
                .expectEvents(new MemberProfileUpdatedEvent(ID, after))
                .expectResultMessagePayloadMatching(matches(result -> ((MemberView) result).version() == 1
                        && ((MemberView) result).profile().equals(after)));
        assertThat(uniqueKeys.holders).containsOnlyKeys(new UniqueKey(UniqueKey.Type.MOBILE, "13900139000"));
    }

    @Test
    void updateWithoutChangesAppliesNothing() {
        MemberProfile profile = registered("Alice", "13800138000", null);

        fixture.given(new MemberRegisteredEvent(ID, profile, 1))
                .when(new UpdateMemberProfileCommand(ID, profile("Alice ", "+8613800138000", ""), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesUpdateFromAStaleVersion() {
        MemberProfile profile = registered("Alice", "13800138000", null);

        fixture.given(new MemberRegisteredEvent(ID, profile, 1), new MemberFrozenEvent(ID, null))
                .when(new UpdateMemberProfileCommand(ID, profile("Alice Li", "13800138000", null), 0L))
                .expectNoEvents()
                .expectExceptionMessage(containsString(ErrorCode.VERSION_MISMATCH.name()));
    }

    @Test
    void refusesUpdateTakingAnotherMembersMobile() {
        uniqueKeys.claim(OTHER, new UniqueKey(UniqueKey.Type.MOBILE, "13900139000"));

        fixture.given(new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1))
                .when(new UpdateMemberProfileCommand(ID, profile("Alice", "13900139000", null), null))
                .expectNoEvents()
                .expectExceptionMessage(containsString(ErrorCode.DUPLICATE_MOBILE.name()));
    }

    @Test
    void refusesUpdateWithAnInvalidProfile() {
        fixture.given(new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1))
                .when(new UpdateMemberProfileCommand(ID, profile("Alice", "not a phone", null), null))
                .expectNoEvents()
                .expectException(InvalidProfileException.class);
    }

    @Test
    void refusesUpdateOfADeletedMember() {
        fixture.given(
                        new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1),
                        new MemberDeletedEvent(ID, null))
                .when(new UpdateMemberProfileCommand(ID, profile("Alice Li", "13800138000", null), null))
                .expectNoEvents()
                .expectExceptionMessage(containsString(ErrorCode.MEMBER_DELETED.name()));
    }

    // freeze and unfreeze

    @Test
    void freezesAnActiveMember() {
        fixture.given(new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1))
                .when(new FreezeMemberCommand(ID, "  suspected fraud ", 0L))
                .expectEvents(new MemberFrozenEvent(ID, "suspected fraud"))
                .expectResultMessagePayloadMatching(
                        matches(result -> ((MemberView) result).status() == MemberStatus.FROZEN));
    }

    @Test
    void refusesFreezingAFrozenMember() {
        fixture.given(
                        new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1),
                        new MemberFrozenEvent(ID, null))
                .when(new FreezeMemberCommand(ID, null, null))
                .expectNoEvents()
                .expectExceptionMessage(containsString(ErrorCode.MEMBER_ALREADY_FROZEN.name()));
    }

    @Test
    void refusesFreezingFromAStaleVersion() {
        fixture.given(new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1))
                .when(new FreezeMemberCommand(ID, null, 3L))
                .expectNoEvents()
                .expectExceptionMessage(containsString(ErrorCode.VERSION_MISMATCH.name()));
    }

    @Test
    void refusesFreezingADeletedMember() {
        fixture.given(
                        new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1),
                        new MemberDeletedEvent(ID, null))
                .when(new FreezeMemberCommand(ID, null, null))
                .expectNoEvents()
                .expectExceptionMessage(containsString(ErrorCode.MEMBER_DELETED.name()));
    }

    @Test
    void unfreezesAFrozenMember() {
        fixture.given(
                        new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1),
                        new MemberFrozenEvent(ID, null))
                .when(new UnfreezeMemberCommand(ID, "cleared", 1L))
                .expectEvents(new MemberUnfrozenEvent(ID, "cleared"))
                .expectResultMessagePayloadMatching(matches(result ->
                        ((MemberView) result).status() == MemberStatus.ACTIVE && ((MemberView) result).version() == 2));
    }

    @Test
    void refusesUnfreezingAnActiveMember() {
        fixture.given(new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1))
                .when(new UnfreezeMemberCommand(ID, null, null))
                .expectNoEvents()
                .expectExceptionMessage(containsString(ErrorCode.MEMBER_NOT_FROZEN.name()));
    }

    @Test
    void refusesUnfreezingFromAStaleVersion() {
        fixture.given(
                        new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1),
                        new MemberFrozenEvent(ID, null))
                .when(new UnfreezeMemberCommand(ID, null, 0L))
                .expectNoEvents()
                .expectExceptionMessage(containsString(ErrorCode.VERSION_MISMATCH.name()));
    }

    @Test
    void refusesUnfreezingADeletedMember() {
        fixture.given(
                        new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1),
                        new MemberFrozenEvent(ID, null),
                        new MemberDeletedEvent(ID, null))
                .when(new UnfreezeMemberCommand(ID, null, null))
                .expectNoEvents()
                .expectExceptionMessage(containsString(ErrorCode.MEMBER_DELETED.name()));
    }

    // deletion

    @Test
    void deletesAMemberAndFreesItsUniqueValues() {
        uniqueKeys.claim(ID, new UniqueKey(UniqueKey.Type.MOBILE, "13800138000"));
        uniqueKeys.claim(ID, new UniqueKey(UniqueKey.Type.EMAIL, "alice@example.com"));

        fixture.given(new MemberRegisteredEvent(ID, registered("Alice", "13800138000", "alice@example.com"), 1))
                .when(new DeleteMemberCommand(ID, "left the programme", 0L))
                .expectEvents(new MemberDeletedEvent(ID, "left the programme"))
                .expectResultMessagePayloadMatching(
                        matches(result -> ((MemberView) result).status() == MemberStatus.DELETED));
        assertThat(uniqueKeys.holders).isEmpty();
    }

    @Test
    void refusesDeletingADeletedMember() {
        fixture.given(
                        new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1),
                        new MemberDeletedEvent(ID, null))
                .when(new DeleteMemberCommand(ID, null, null))
                .expectNoEvents()
                .expectExceptionMessage(containsString(ErrorCode.MEMBER_DELETED.name()));
    }

    @Test
    void refusesDeletingFromAStaleVersion() {
        fixture.given(
                        new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1),
                        new MemberFrozenEvent(ID, null))
                .when(new DeleteMemberCommand(ID, null, 0L))
                .expectNoEvents()
                .expectExceptionMessage(containsString(ErrorCode.VERSION_MISMATCH.name()));
    }

    private static MemberProfile profile(String name, String mobile, String email) {
        return new MemberProfile(name, mobile, email, null, null, null, null, null, List.of(), null, null);
    }

    private static MemberProfile registered(String name, String mobile, String email) {
        return new MemberProfile(
                name, mobile, email, Gender.UNDISCLOSED, null, MemberLocale.ZH_CN, null, null, List.of(), null, null);
    }
}
