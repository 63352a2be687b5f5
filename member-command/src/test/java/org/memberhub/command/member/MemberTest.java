package org.memberhub.command.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.memberhub.command.testing.Refusals.refusedWith;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.memberhub.command.benefit.InMemoryBenefitCatalogue;
import org.memberhub.kernel.activity.ActivityId;
import org.memberhub.kernel.activity.RewardActivityCommand;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitRules;
import org.memberhub.kernel.benefit.BenefitStatus;
import org.memberhub.kernel.benefit.BenefitTerms;
import org.memberhub.kernel.benefit.BenefitType;
import org.memberhub.kernel.benefit.BenefitUseDecision;
import org.memberhub.kernel.benefit.BenefitUsedEvent;
import org.memberhub.kernel.benefit.BuyBenefitCommand;
import org.memberhub.kernel.benefit.LoyaltyRulesSource;
import org.memberhub.kernel.benefit.Quota;
import org.memberhub.kernel.benefit.QuotaPeriod;
import org.memberhub.kernel.benefit.UseBenefitCommand;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.level.AdjustLevelCommand;
import org.memberhub.kernel.level.AdjustmentEnd;
import org.memberhub.kernel.level.LevelAdjustedEvent;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.LevelDowngradedEvent;
import org.memberhub.kernel.level.LevelUpgradedEvent;
import org.memberhub.kernel.level.ManualLevelMode;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.LoyaltyOutcome;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.loyalty.ReturnedLot;
import org.memberhub.kernel.member.ChangeOwnProfileCommand;
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
import org.memberhub.kernel.points.AdjustPointsCommand;
import org.memberhub.kernel.points.AdjustmentDecision;
import org.memberhub.kernel.points.CancelDeductionCommand;
import org.memberhub.kernel.points.CancelDeductionDecision;
import org.memberhub.kernel.points.DueTransitionsDecision;
import org.memberhub.kernel.points.EarnDecision;
import org.memberhub.kernel.points.EarnPointsCommand;
import org.memberhub.kernel.points.EarnType;
import org.memberhub.kernel.points.PointsAdjustedEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.ProcessDueTransitionsCommand;
import org.memberhub.kernel.points.PurchaseDecision;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.memberhub.kernel.points.RecordPurchaseCommand;
import org.memberhub.kernel.points.RedeemPointsCommand;
import org.memberhub.kernel.points.RefundDecision;
import org.memberhub.kernel.points.RefundPurchaseCommand;
import org.memberhub.kernel.points.SpendDecision;
import org.memberhub.kernel.points.SpendOnPurchaseCommand;
import org.memberhub.kernel.points.SpendPointsCommand;
import org.memberhub.kernel.points.SpendPurpose;
import org.memberhub.kernel.points.SpentPointsReturnedEvent;

class MemberTest {

    private static final MemberId ID = MemberId.of("0190f2a4-1c3e-7a00-8000-000000000001");
    private static final MemberId OTHER = MemberId.of("0190f2a4-1c3e-7a00-8000-000000000002");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Noon in Shanghai, 23 November 2026. */
    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

    private static final Clock CLOCK = Clock.fixed(NOW, SHANGHAI);
    private static final LoyaltyRules RULES = LoyaltyRules.defaults(SHANGHAI);
    private static final Instant RELEASE = Instant.parse("2026-11-30T04:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2028-11-23T04:00:00Z");

    private FixtureConfiguration<Member> fixture;
    private InMemoryUniqueKeys uniqueKeys;
    private InMemoryDueSchedule schedule;
    private InMemoryBenefitCatalogue catalogue;
    private LoyaltyRules currentRules = RULES;

    @BeforeEach
    void setUp() {
        uniqueKeys = new InMemoryUniqueKeys();
        schedule = new InMemoryDueSchedule();
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(uniqueKeys);
        fixture.registerInjectableResource(schedule);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource(RULES);
        fixture.registerInjectableResource((LoyaltyRulesSource) () -> currentRules);
        catalogue = new InMemoryBenefitCatalogue();
        fixture.registerInjectableResource(catalogue);
    }

    @Nested
    class Registration {

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
                    " Asia/Shanghai ");
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
                    "Asia/Shanghai");

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
            assertThat(schedule.dueAt())
                    .as("registration schedules the next birthday: 1 May 2027, 00:00 in Shanghai")
                    .containsEntry(ID, Instant.parse("2027-04-30T16:00:00Z"));
        }

        @Test
        void refusesRegistrationWithAnotherMembersMobile() {
            uniqueKeys.claim(OTHER, new UniqueKey(UniqueKey.Type.MOBILE, "13800138000"));

            fixture.givenNoPriorActivity()
                    .when(new RegisterMemberCommand(ID, profile("Alice", "13800138000", "alice@example.com")))
                    .expectNoEvents()
                    .expectException(DomainException.class)
                    .expectException(refusedWith(ErrorCode.DUPLICATE_MOBILE));
        }

        @Test
        void refusesRegistrationWithAnotherMembersEmail() {
            uniqueKeys.claim(OTHER, new UniqueKey(UniqueKey.Type.EMAIL, "alice@example.com"));

            fixture.givenNoPriorActivity()
                    .when(new RegisterMemberCommand(ID, profile("Alice", "13800138000", "ALICE@example.com")))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.DUPLICATE_EMAIL));
        }

        @Test
        void refusesRegistrationWithAnotherMembersExternalReference() {
            uniqueKeys.claim(OTHER, new UniqueKey(UniqueKey.Type.EXTERNAL_REF, "EXT-1"));
            MemberProfile profile = new MemberProfile(
                    "Alice", "13800138000", null, null, null, null, null, null, List.of(), "EXT-1", null);

            fixture.givenNoPriorActivity()
                    .when(new RegisterMemberCommand(ID, profile))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.DUPLICATE_EXTERNAL_REF));
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
                    "Mars/Olympus");

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
                                    new ProfileViolation("externalRef", ProfileViolation.INVALID_FORMAT),
                                    new ProfileViolation("timeZone", ProfileViolation.INVALID_FORMAT)))));
            assertThat(uniqueKeys.holders).isEmpty();
        }
    }

    @Nested
    class ProfileAndStatus {

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
            fixture.given(member(), new MemberFrozenEvent(ID, null))
                    .when(new UpdateMemberProfileCommand(ID, profile("Alice Li", "13800138000", null), 0L))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VERSION_MISMATCH));
        }

        @Test
        void refusesUpdateTakingAnotherMembersMobile() {
            uniqueKeys.claim(OTHER, new UniqueKey(UniqueKey.Type.MOBILE, "13900139000"));

            fixture.given(member())
                    .when(new UpdateMemberProfileCommand(ID, profile("Alice", "13900139000", null), null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.DUPLICATE_MOBILE));
        }

        @Test
        void refusesUpdateWithAnInvalidProfile() {
            fixture.given(member())
                    .when(new UpdateMemberProfileCommand(ID, profile("Alice", "not a phone", null), null))
                    .expectNoEvents()
                    .expectException(InvalidProfileException.class);
        }

        @Test
        void refusesUpdateOfADeletedMember() {
            fixture.given(member(), new MemberDeletedEvent(ID, null))
                    .when(new UpdateMemberProfileCommand(ID, profile("Alice Li", "13800138000", null), null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.MEMBER_DELETED));
        }

        @Test
        void aMemberChangesItsOwnProfileButNotWhatStaffKeep() {
            MemberProfile before = new MemberProfile(
                    "Alice",
                    "13800138000",
                    null,
                    Gender.UNDISCLOSED,
                    null,
                    MemberLocale.ZH_CN,
                    null,
                    "called twice",
                    List.of("vip"),
                    "EXT-1",
                    null);
            MemberProfile after = new MemberProfile(
                    "Alice Wang",
                    "13800138000",
                    "alice@example.com",
                    Gender.FEMALE,
                    LocalDate.of(1990, 5, 1),
                    MemberLocale.EN,
                    "Road 1",
                    "called twice",
                    List.of("vip"),
                    "EXT-1",
                    "Europe/Berlin");

            fixture.given(new MemberRegisteredEvent(ID, before, 1))
                    .when(new ChangeOwnProfileCommand(
                            ID,
                            "Alice Wang",
                            "Alice@Example.com",
                            Gender.FEMALE,
                            LocalDate.of(1990, 5, 1),
                            MemberLocale.EN,
                            "Road 1",
                            "Europe/Berlin",
                            0L))
                    .expectEvents(new MemberProfileUpdatedEvent(ID, after));
            assertThat(uniqueKeys.holders).containsKey(new UniqueKey(UniqueKey.Type.EMAIL, "alice@example.com"));
        }

        @Test
        void refusesAMembersOwnChangeToAnotherMembersEmail() {
            uniqueKeys.claim(OTHER, new UniqueKey(UniqueKey.Type.EMAIL, "taken@example.com"));

            fixture.given(member())
                    .when(new ChangeOwnProfileCommand(
                            ID, "Alice", "taken@example.com", null, null, null, null, null, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.DUPLICATE_EMAIL));
        }

        @Test
        void refusesAMembersOwnChangeFromAStaleVersion() {
            fixture.given(member(), new MemberFrozenEvent(ID, null))
                    .when(new ChangeOwnProfileCommand(ID, "Alice", null, null, null, null, null, null, 0L))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VERSION_MISMATCH));
        }

        @Test
        void refusesAMembersOwnChangeOnceDeleted() {
            fixture.given(member(), new MemberDeletedEvent(ID, null))
                    .when(new ChangeOwnProfileCommand(ID, "Alice", null, null, null, null, null, null, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.MEMBER_DELETED));
        }

        @Test
        void freezesAnActiveMember() {
            fixture.given(member())
                    .when(new FreezeMemberCommand(ID, "  suspected fraud ", 0L))
                    .expectEvents(new MemberFrozenEvent(ID, "suspected fraud"))
                    .expectResultMessagePayloadMatching(
                            matches(result -> ((MemberView) result).status() == MemberStatus.FROZEN));
        }

        @Test
        void refusesFreezingAFrozenMember() {
            fixture.given(member(), new MemberFrozenEvent(ID, null))
                    .when(new FreezeMemberCommand(ID, null, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.MEMBER_ALREADY_FROZEN));
        }

        @Test
        void refusesFreezingFromAStaleVersion() {
            fixture.given(member())
                    .when(new FreezeMemberCommand(ID, null, 3L))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VERSION_MISMATCH));
        }

        @Test
        void refusesFreezingADeletedMember() {
            fixture.given(member(), new MemberDeletedEvent(ID, null))
                    .when(new FreezeMemberCommand(ID, null, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.MEMBER_DELETED));
        }

        @Test
        void unfreezesAFrozenMember() {
            fixture.given(member(), new MemberFrozenEvent(ID, null))
                    .when(new UnfreezeMemberCommand(ID, "cleared", 1L))
                    .expectEvents(new MemberUnfrozenEvent(ID, "cleared"))
                    .expectResultMessagePayloadMatching(
                            matches(result -> ((MemberView) result).status() == MemberStatus.ACTIVE
                                    && ((MemberView) result).version() == 2));
        }

        @Test
        void refusesUnfreezingAnActiveMember() {
            fixture.given(member())
                    .when(new UnfreezeMemberCommand(ID, null, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.MEMBER_NOT_FROZEN));
        }

        @Test
        void refusesUnfreezingFromAStaleVersion() {
            fixture.given(member(), new MemberFrozenEvent(ID, null))
                    .when(new UnfreezeMemberCommand(ID, null, 0L))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VERSION_MISMATCH));
        }

        @Test
        void refusesUnfreezingADeletedMember() {
            fixture.given(member(), new MemberFrozenEvent(ID, null), new MemberDeletedEvent(ID, null))
                    .when(new UnfreezeMemberCommand(ID, null, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.MEMBER_DELETED));
        }

        @Test
        void deletesAMemberFreesItsUniqueValuesAndStopsItsClock() {
            uniqueKeys.claim(ID, new UniqueKey(UniqueKey.Type.MOBILE, "13800138000"));
            uniqueKeys.claim(ID, new UniqueKey(UniqueKey.Type.EMAIL, "alice@example.com"));
            schedule.set(ID, RELEASE);

            fixture.given(
                            new MemberRegisteredEvent(ID, registered("Alice", "13800138000", "alice@example.com"), 1),
                            purchase("o1", "600.00"),
                            pendingLot(1, "o1", 600))
                    .when(new DeleteMemberCommand(ID, "left the programme", 2L))
                    .expectEvents(new MemberDeletedEvent(ID, "left the programme"))
                    .expectResultMessagePayloadMatching(
                            matches(result -> ((MemberView) result).status() == MemberStatus.DELETED));
            assertThat(uniqueKeys.holders).isEmpty();
            assertThat(schedule.dueAt()).isEmpty();
        }

        @Test
        void refusesDeletingADeletedMember() {
            fixture.given(member(), new MemberDeletedEvent(ID, null))
                    .when(new DeleteMemberCommand(ID, null, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.MEMBER_DELETED));
        }

        @Test
        void refusesDeletingFromAStaleVersion() {
            fixture.given(member(), new MemberFrozenEvent(ID, null))
                    .when(new DeleteMemberCommand(ID, null, 0L))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VERSION_MISMATCH));
        }
    }

    @Nested
    class Purchases {

        @Test
        void earnsPurchasePointsAsPendingAndMovesUpALevel() {
            fixture.given(member())
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ofYuan("600.00"), NOW))
                    .expectEvents(
                            new PurchaseRecordedEvent(ID, "o1", Money.ofYuan("600.00"), NOW, Money.ofYuan("600.00")),
                            pendingLot(1, "o1", 600),
                            new LevelUpgradedEvent(ID, 1, 2, 2, Money.ofYuan("600.00"), "purchase o1"))
                    .expectResultMessagePayloadMatching(outcome(
                            PurchaseDecision.class,
                            (o, d) -> d.pointsEarned() == 600
                                    && d.pending()
                                    && d.releaseAt().equals(RELEASE)
                                    && o.points().pending() == 600
                                    && o.level().level() == 2
                                    && !o.duplicate()));
            assertThat(schedule.dueAt()).containsEntry(ID, RELEASE);
        }

        @Test
        void earnsWithTheMultiplierOfTheLevelHeldBeforeThePurchaseRoundedDown() {
            fixture.given(
                            member(),
                            purchase("o1", "2500.00"),
                            new LevelUpgradedEvent(ID, 1, 3, 3, Money.ofYuan("2500.00"), "purchase o1"))
                    .when(new RecordPurchaseCommand(ID, "o2", Money.ofYuan("99.99"), NOW))
                    .expectEvents(
                            new PurchaseRecordedEvent(ID, "o2", Money.ofYuan("99.99"), NOW, Money.ofYuan("2599.99")),
                            pendingLot(1, "o2", 119));
        }

        @Test
        void earnsAvailablePointsForAPurchaseOlderThanTheReturnWindowThatExpireTwoYearsAfterThePayment() {
            Instant eightDaysAgo = NOW.minus(Duration.ofDays(8));
            Instant twoYearsAfterPayment = EXPIRY.minus(Duration.ofDays(8));

            fixture.given(member())
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ofYuan("100.00"), eightDaysAgo))
                    .expectEvents(
                            new PurchaseRecordedEvent(
                                    ID, "o1", Money.ofYuan("100.00"), eightDaysAgo, Money.ofYuan("100.00")),
                            new PointsEarnedEvent(
                                    ID, 1, PointsSource.PURCHASE, "o1", 100, false, null, twoYearsAfterPayment, 0));
        }

        @Test
        void aFrozenMembersPurchaseIsRecordedAndEarnsPendingPointsTheMemberCannotSpendUntilUnfrozen() {
            fixture.given(member(), new MemberFrozenEvent(ID, "fraud check"))
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ofYuan("100.00"), NOW))
                    .expectEvents(
                            new PurchaseRecordedEvent(ID, "o1", Money.ofYuan("100.00"), NOW, Money.ofYuan("100.00")),
                            pendingLot(1, "o1", 100));
        }

        @Test
        void recordsPurchasesOfFrozenMembers() {
            fixture.given(member(), new MemberFrozenEvent(ID, null))
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ofYuan("10.00"), NOW))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void theSameOrderAgainChangesNothingAndAnswersAsBefore() {
            fixture.given(member(), purchase("o1", "600.00"), pendingLot(1, "o1", 600))
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ofYuan("600.00"), NOW))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcome(
                            PurchaseDecision.class,
                            (o, d) -> o.duplicate()
                                    && d.pointsEarned() == 600
                                    && d.lotNo() == 1
                                    && d.releaseAt().equals(RELEASE)));
        }

        @Test
        void refusesTheSameOrderIdWithAnotherAmount() {
            fixture.given(member(), purchase("o1", "600.00"), pendingLot(1, "o1", 600))
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ofYuan("601.00"), NOW))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.IDEMPOTENCY_CONFLICT));
        }

        @Test
        void refusesTheSameOrderIdWithAnotherTime() {
            fixture.given(member(), purchase("o1", "600.00"), pendingLot(1, "o1", 600))
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ofYuan("600.00"), NOW.minusSeconds(1)))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.IDEMPOTENCY_CONFLICT));
        }

        @Test
        void theSameOrderAgainWithoutATimeIsTheSameOrder() {
            fixture.given(member(), purchase("o1", "600.00"), pendingLot(1, "o1", 600))
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ofYuan("600.00"), null))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcome(PurchaseDecision.class, (o, d) -> o.duplicate()));
        }

        @Test
        void refusesAPurchaseOfNothing() {
            fixture.given(member())
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ZERO, NOW))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INVALID_AMOUNT));
        }

        @Test
        void refusesAPurchaseInTheFuture() {
            fixture.given(member())
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ofYuan("1.00"), NOW.plus(Duration.ofHours(1))))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.OCCURRED_IN_FUTURE));
        }

        @Test
        void refusesAPurchaseWithoutOrderId() {
            fixture.given(member())
                    .when(new RecordPurchaseCommand(ID, " ", Money.ofYuan("1.00"), NOW))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INVALID_REFERENCE));
        }

        @Test
        void refusesPurchasesOfDeletedMembers() {
            fixture.given(member(), new MemberDeletedEvent(ID, null))
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ofYuan("1.00"), NOW))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.MEMBER_DELETED));
        }
    }

    @Nested
    class Refunds {

        @Test
        void refundInsideTheWindowCancelsPendingPointsInProportion() {
            fixture.given(member(), purchase("o1", "600.00"), pendingLot(1, "o1", 600), upgraded(1, 2, "600.00"))
                    .when(new RefundPurchaseCommand(ID, "r1", "o1", Money.ofYuan("200.00")))
                    .expectEvents(
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("200.00"), Money.ofYuan("400.00")),
                            new PointsReversedEvent(ID, "r1", "o1", 200, List.of(new LotConsumption(1, 200, true)), 0),
                            new LevelDowngradedEvent(ID, 2, 1, 1, Money.ofYuan("400.00"), "refund r1"))
                    .expectResultMessagePayloadMatching(outcome(
                            RefundDecision.class,
                            (o, d) -> d.pointsReversed() == 200
                                    && o.points().pending() == 400
                                    && o.level().level() == 1));
        }

        @Test
        void refundAfterThePointsWereSpentClawsBackAndLeavesADebt() {
            fixture.given(
                            member(),
                            purchase("o1", "100.00"),
                            pendingLot(1, "o1", 100),
                            new PointsReleasedEvent(ID, 1, 100, RELEASE, 0),
                            adjustmentLot("a1", 2, 30),
                            spent("s1", 110, new LotConsumption(1, 100, false), new LotConsumption(2, 10, false)))
                    .when(new RefundPurchaseCommand(ID, "r1", "o1", Money.ofYuan("100.00")))
                    .expectEvents(
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("100.00"), Money.ZERO),
                            new PointsReversedEvent(ID, "r1", "o1", 100, List.of(new LotConsumption(2, 20, false)), 80))
                    .expectResultMessagePayloadMatching(outcome(
                            RefundDecision.class,
                            (o, d) -> d.debtIncurred() == 80 && o.points().available() == -80));
        }

        @Test
        void partialRefundsTakeBackExactlyWhatTheOrderEarned() {
            fixture.given(
                            member(),
                            purchase("o1", "100.00"),
                            pendingLot(1, "o1", 100),
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("33.33"), Money.ofYuan("66.67")),
                            new PointsReversedEvent(ID, "r1", "o1", 33, List.of(new LotConsumption(1, 33, true)), 0),
                            new PurchaseRefundedEvent(ID, "r2", "o1", Money.ofYuan("33.33"), Money.ofYuan("33.34")),
                            new PointsReversedEvent(ID, "r2", "o1", 33, List.of(new LotConsumption(1, 33, true)), 0))
                    .when(new RefundPurchaseCommand(ID, "r3", "o1", Money.ofYuan("33.34")))
                    .expectEvents(
                            new PurchaseRefundedEvent(ID, "r3", "o1", Money.ofYuan("33.34"), Money.ZERO),
                            new PointsReversedEvent(ID, "r3", "o1", 34, List.of(new LotConsumption(1, 34, true)), 0));
        }

        @Test
        void theSameRefundAgainChangesNothingAndAnswersAsBefore() {
            fixture.given(
                            member(),
                            purchase("o1", "600.00"),
                            pendingLot(1, "o1", 600),
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("200.00"), Money.ofYuan("400.00")),
                            new PointsReversedEvent(ID, "r1", "o1", 200, List.of(new LotConsumption(1, 200, true)), 0))
                    .when(new RefundPurchaseCommand(ID, "r1", "o1", Money.ofYuan("200.00")))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(
                            outcome(RefundDecision.class, (o, d) -> o.duplicate() && d.pointsReversed() == 200));
        }

        @Test
        void refusesARefundIdUsedForAnotherRefund() {
            fixture.given(
                            member(),
                            purchase("o1", "600.00"),
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("200.00"), Money.ofYuan("400.00")))
                    .when(new RefundPurchaseCommand(ID, "r1", "o1", Money.ofYuan("100.00")))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.IDEMPOTENCY_CONFLICT));
        }

        @Test
        void refusesRefundingMoreThanIsLeftOfTheOrder() {
            fixture.given(
                            member(),
                            purchase("o1", "600.00"),
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("500.00"), Money.ofYuan("100.00")))
                    .when(new RefundPurchaseCommand(ID, "r2", "o1", Money.ofYuan("100.01")))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.REFUND_EXCEEDS_PURCHASE));
        }

        @Test
        void refusesRefundsOfUnknownOrders() {
            fixture.given(member())
                    .when(new RefundPurchaseCommand(ID, "r1", "nope", Money.ofYuan("1.00")))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.UNKNOWN_ORDER));
        }

        @Test
        void refusesRefundsOfNothing() {
            fixture.given(member(), purchase("o1", "600.00"))
                    .when(new RefundPurchaseCommand(ID, "r1", "o1", Money.ZERO))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INVALID_AMOUNT));
        }
    }

    @Nested
    class Earning {

        @Test
        void checksInOncePerCalendarDay() {
            fixture.given(member())
                    .when(new EarnPointsCommand(ID, EarnType.CHECK_IN, null))
                    .expectEvents(new PointsEarnedEvent(
                            ID, 1, PointsSource.CHECK_IN, "2026-11-23", 5, false, null, EXPIRY, 0));
        }

        @Test
        void aSecondCheckInTheSameDayChangesNothingAndAnswersAsBefore() {
            fixture.given(
                            member(),
                            new PointsEarnedEvent(
                                    ID, 1, PointsSource.CHECK_IN, "2026-11-23", 5, false, null, EXPIRY, 0))
                    .when(new EarnPointsCommand(ID, EarnType.CHECK_IN, null))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcome(
                            EarnDecision.class,
                            (o, d) -> o.duplicate()
                                    && d.points() == 5
                                    && d.reference().equals("2026-11-23")));
        }

        @Test
        void countsCheckInDaysInTheMembersTimeZone() {
            MemberProfile inLosAngeles = new MemberProfile(
                    "Alice",
                    "13800138000",
                    null,
                    Gender.UNDISCLOSED,
                    null,
                    MemberLocale.EN,
                    null,
                    null,
                    List.of(),
                    null,
                    "America/Los_Angeles");

            fixture.given(new MemberRegisteredEvent(ID, inLosAngeles, 1))
                    .when(new EarnPointsCommand(ID, EarnType.CHECK_IN, null))
                    .expectEvents(new PointsEarnedEvent(
                            ID,
                            1,
                            PointsSource.CHECK_IN,
                            "2026-11-22",
                            5,
                            false,
                            null,
                            Instant.parse("2028-11-23T04:00:00Z"),
                            0));
        }

        @Test
        void reviewsEarnOncePerPurchasedOrder() {
            fixture.given(member(), purchase("o1", "10.00"))
                    .when(new EarnPointsCommand(ID, EarnType.REVIEW, "o1"))
                    .expectEvents(new PointsEarnedEvent(ID, 1, PointsSource.REVIEW, "o1", 10, false, null, EXPIRY, 0));
        }

        @Test
        void aSecondReviewOfTheSameOrderChangesNothing() {
            fixture.given(
                            member(),
                            purchase("o1", "10.00"),
                            new PointsEarnedEvent(ID, 1, PointsSource.REVIEW, "o1", 10, false, null, EXPIRY, 0))
                    .when(new EarnPointsCommand(ID, EarnType.REVIEW, "o1"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcome(EarnDecision.class, (o, d) -> o.duplicate()));
        }

        @Test
        void refusesReviewsOfOrdersNotPurchased() {
            fixture.given(member())
                    .when(new EarnPointsCommand(ID, EarnType.REVIEW, "o9"))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.UNKNOWN_ORDER));
        }

        @Test
        void earnsBirthdayPointsOnceInTheBirthdayMonth() {
            fixture.given(bornIn(11))
                    .when(new EarnPointsCommand(ID, EarnType.BIRTHDAY, null))
                    .expectEvents(
                            new PointsEarnedEvent(ID, 1, PointsSource.BIRTHDAY, "2026", 100, false, null, EXPIRY, 0));
        }

        @Test
        void aSecondBirthdayThisYearChangesNothing() {
            fixture.given(
                            bornIn(11),
                            new PointsEarnedEvent(ID, 1, PointsSource.BIRTHDAY, "2026", 100, false, null, EXPIRY, 0))
                    .when(new EarnPointsCommand(ID, EarnType.BIRTHDAY, null))
                    .expectNoEvents();
        }

        @Test
        void refusesBirthdayPointsOutsideTheBirthdayMonth() {
            fixture.given(bornIn(5))
                    .when(new EarnPointsCommand(ID, EarnType.BIRTHDAY, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.NOT_BIRTHDAY_MONTH));
        }

        @Test
        void refusesBirthdayPointsWithoutABirthday() {
            fixture.given(member())
                    .when(new EarnPointsCommand(ID, EarnType.BIRTHDAY, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.NO_BIRTHDAY));
        }

        @Test
        void newPointsPayOffDebtFirst() {
            fixture.given(member(), purchase("o1", "10.00"), debt(40))
                    .when(new EarnPointsCommand(ID, EarnType.REVIEW, "o1"))
                    .expectEvents(new PointsEarnedEvent(ID, 1, PointsSource.REVIEW, "o1", 10, false, null, EXPIRY, 10))
                    .expectResultMessagePayloadMatching(outcome(
                            EarnDecision.class,
                            (o, d) -> o.points().debt() == 30 && o.points().available() == -30));
        }

        @Test
        void refusesEarningWhileFrozen() {
            fixture.given(member(), new MemberFrozenEvent(ID, null))
                    .when(new EarnPointsCommand(ID, EarnType.CHECK_IN, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.MEMBER_FROZEN));
        }
    }

    @Nested
    class Spending {

        @Test
        void paysPartOfAnOrderFromTheLotsThatExpireFirst() {
            fixture.given(
                            member(),
                            lot("late", 1, 100, EXPIRY.plus(Duration.ofDays(30))),
                            lot("early", 2, 50, EXPIRY.minus(Duration.ofDays(30))))
                    .when(new SpendPointsCommand(ID, "o9", Money.ofYuan("10.00"), 80))
                    .expectEvents(new PointsSpentEvent(
                            ID,
                            SpendPurpose.ORDER_DEDUCTION,
                            "o9",
                            80,
                            Money.ofYuan("10.00"),
                            Money.ofYuan("0.80"),
                            null,
                            List.of(new LotConsumption(2, 50, false), new LotConsumption(1, 30, false))))
                    .expectResultMessagePayloadMatching(outcome(
                            SpendDecision.class,
                            (o, d) -> d.value().equals(Money.ofYuan("0.80"))
                                    && o.points().available() == 70));
        }

        @Test
        void aFrozenMembersDeductionIsCancelledAndItsPointsComeBack() {
            fixture.given(
                            member(),
                            lot("a1", 1, 100, EXPIRY),
                            new PointsSpentEvent(
                                    ID,
                                    SpendPurpose.ORDER_DEDUCTION,
                                    "o9",
                                    80,
                                    Money.ofYuan("10.00"),
                                    Money.ofYuan("0.80"),
                                    null,
                                    List.of(new LotConsumption(1, 80, false))),
                            new MemberFrozenEvent(ID, null))
                    .when(new CancelDeductionCommand(ID, "o9"))
                    .expectEvents(new SpentPointsReturnedEvent(
                            ID, "o9", null, 80, 0, List.of(new ReturnedLot(2, 80, EXPIRY, 0))))
                    .expectResultMessagePayloadMatching(outcome(
                            CancelDeductionDecision.class,
                            (o, d) -> d.pointsReturned() == 80 && o.points().available() == 100));
        }

        @Test
        void refusesToCancelADeductionOfADeletedMember() {
            fixture.given(member(), new MemberDeletedEvent(ID, null))
                    .when(new CancelDeductionCommand(ID, "o9"))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.MEMBER_DELETED));
        }

        @Test
        void refusesSpendingMoreThanIsAvailable() {
            fixture.given(member(), lot("a1", 1, 100, EXPIRY))
                    .when(new SpendPointsCommand(ID, "o9", Money.ofYuan("100.00"), 101))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INSUFFICIENT_POINTS));
        }

        @Test
        void refusesSpendingPendingPoints() {
            fixture.given(member(), purchase("o1", "600.00"), pendingLot(1, "o1", 600))
                    .when(new SpendPointsCommand(ID, "o9", Money.ofYuan("100.00"), 10))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INSUFFICIENT_POINTS));
        }

        @Test
        void refusesPayingMoreThanTheAllowedShareOfAnOrder() {
            fixture.given(member(), lot("a1", 1, 10_000, EXPIRY))
                    .when(new SpendPointsCommand(ID, "o9", Money.ofYuan("10.00"), 501))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.DEDUCTION_LIMIT_EXCEEDED));
        }

        @Test
        void refusesSpendingNothing() {
            fixture.given(member(), lot("a1", 1, 100, EXPIRY))
                    .when(new SpendPointsCommand(ID, "o9", Money.ofYuan("10.00"), 0))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INVALID_POINTS));
        }

        @Test
        void theSameOrderAgainChangesNothingAndAnswersAsBefore() {
            fixture.given(member(), lot("a1", 1, 100, EXPIRY), spentOnOrder("o9", 40))
                    .when(new SpendPointsCommand(ID, "o9", Money.ofYuan("10.00"), 40))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcome(
                            SpendDecision.class,
                            (o, d) -> o.duplicate() && o.points().available() == 60));
        }

        @Test
        void paysARecordedPurchaseUpToItsShareOfTheAmountLeftAfterRefunds() {
            fixture.given(
                            member(),
                            lot("a1", 1, 10_000, EXPIRY),
                            purchase("o7", "100.00"),
                            new PurchaseRefundedEvent(ID, "r1", "o7", Money.ofYuan("60.00"), Money.ofYuan("40.00")))
                    .when(new SpendOnPurchaseCommand(ID, "o7", 2001))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.DEDUCTION_LIMIT_EXCEEDED));
            fixture.given(member(), lot("a1", 1, 10_000, EXPIRY), purchase("o7", "100.00"))
                    .when(new SpendOnPurchaseCommand(ID, "o7", 5000))
                    .expectEvents(new PointsSpentEvent(
                            ID,
                            SpendPurpose.ORDER_DEDUCTION,
                            "o7",
                            5000,
                            Money.ofYuan("100.00"),
                            Money.ofYuan("50.00"),
                            null,
                            List.of(new LotConsumption(1, 5000, false))));
        }

        @Test
        void refusesToPayAnOrderThatIsNoRecordedPurchase() {
            fixture.given(member(), lot("a1", 1, 100, EXPIRY))
                    .when(new SpendOnPurchaseCommand(ID, "o-future", 10))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.UNKNOWN_ORDER));
        }

        @Test
        void theSamePaymentOfAPurchaseAgainIsADuplicate() {
            fixture.given(member(), lot("a1", 1, 100, EXPIRY), purchase("o9", "10.00"), spentOnOrder("o9", 40))
                    .when(new SpendOnPurchaseCommand(ID, "o9", 40))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcome(SpendDecision.class, (o, d) -> o.duplicate()));
        }

        @Test
        void refusesTheSameOrderWithOtherPoints() {
            fixture.given(member(), lot("a1", 1, 100, EXPIRY), spentOnOrder("o9", 40))
                    .when(new SpendPointsCommand(ID, "o9", Money.ofYuan("10.00"), 41))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.IDEMPOTENCY_CONFLICT));
        }

        @Test
        void refusesSpendingWhileFrozen() {
            fixture.given(member(), lot("a1", 1, 100, EXPIRY), new MemberFrozenEvent(ID, null))
                    .when(new SpendPointsCommand(ID, "o9", Money.ofYuan("10.00"), 10))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.MEMBER_FROZEN));
        }

        @Test
        void redeemsAProduct() {
            fixture.given(member(), lot("a1", 1, 100, EXPIRY))
                    .when(new RedeemPointsCommand(ID, "x1", "mug", 60))
                    .expectEvents(new PointsSpentEvent(
                            ID,
                            SpendPurpose.REDEMPTION,
                            "x1",
                            60,
                            null,
                            null,
                            "mug",
                            List.of(new LotConsumption(1, 60, false))));
        }

        @Test
        void refusesRedeemingMoreThanIsAvailable() {
            fixture.given(member(), lot("a1", 1, 100, EXPIRY))
                    .when(new RedeemPointsCommand(ID, "x1", "mug", 101))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INSUFFICIENT_POINTS));
        }

        @Test
        void theSameRedemptionAgainChangesNothing() {
            fixture.given(
                            member(),
                            lot("a1", 1, 100, EXPIRY),
                            new PointsSpentEvent(
                                    ID,
                                    SpendPurpose.REDEMPTION,
                                    "x1",
                                    60,
                                    null,
                                    null,
                                    "mug",
                                    List.of(new LotConsumption(1, 60, false))))
                    .when(new RedeemPointsCommand(ID, "x1", "mug", 60))
                    .expectNoEvents();
        }
    }

    @Nested
    class Adjustments {

        @Test
        void addsPointsAsANewLotThatPaysOffDebtFirst() {
            fixture.given(member(), purchase("o1", "10.00"), debt(30))
                    .when(new AdjustPointsCommand(ID, "a1", 100, " goodwill "))
                    .expectEvents(new PointsAdjustedEvent(ID, "a1", 100, "goodwill", 1, EXPIRY, 30, List.of()))
                    .expectResultMessagePayloadMatching(outcome(
                            AdjustmentDecision.class,
                            (o, d) -> o.points().available() == 70 && o.points().debt() == 0));
        }

        @Test
        void removesPointsFromTheLotsThatExpireFirst() {
            fixture.given(member(), lot("a1", 1, 100, EXPIRY))
                    .when(new AdjustPointsCommand(ID, "a2", -40, "correction"))
                    .expectEvents(new PointsAdjustedEvent(
                            ID, "a2", -40, "correction", null, null, 0, List.of(new LotConsumption(1, 40, false))));
        }

        @Test
        void refusesRemovingMoreThanIsAvailable() {
            fixture.given(member(), lot("a1", 1, 100, EXPIRY))
                    .when(new AdjustPointsCommand(ID, "a2", -101, "correction"))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INSUFFICIENT_POINTS));
        }

        @Test
        void refusesAdjustingByNothing() {
            fixture.given(member())
                    .when(new AdjustPointsCommand(ID, "a1", 0, "nothing"))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INVALID_POINTS));
        }

        @Test
        void refusesTheSameAdjustmentIdWithAnotherReason() {
            fixture.given(member(), lot("a1", 1, 100, EXPIRY))
                    .when(new AdjustPointsCommand(ID, "a1", 100, "goodwill"))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.IDEMPOTENCY_CONFLICT));
        }

        @Test
        void theSameAdjustmentAgainChangesNothing() {
            fixture.given(member(), lot("a1", 1, 100, EXPIRY))
                    .when(new AdjustPointsCommand(ID, "a1", 100, " given "))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcome(AdjustmentDecision.class, (o, d) -> o.duplicate()));
        }
    }

    @Nested
    class Levels {

        private final Instant until = NOW.plus(Duration.ofDays(30));

        @Test
        void aManualLevelAboveTheAutomaticOneIsAFloor() {
            fixture.given(member())
                    .when(new AdjustLevelCommand(ID, 4, "VIP partner", until, null))
                    .expectEvents(new LevelAdjustedEvent(ID, 4, ManualLevelMode.FLOOR, until, "VIP partner", 1, 4, 1));
        }

        @Test
        void purchasesStillRaiseAMemberAboveAFloor() {
            fixture.given(member(), new LevelAdjustedEvent(ID, 2, ManualLevelMode.FLOOR, until, "promo", 1, 2, 1))
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ofYuan("6000.00"), NOW))
                    .expectEvents(
                            new PurchaseRecordedEvent(ID, "o1", Money.ofYuan("6000.00"), NOW, Money.ofYuan("6000.00")),
                            pendingLot(1, "o1", 6000),
                            new LevelUpgradedEvent(ID, 2, 4, 4, Money.ofYuan("6000.00"), "purchase o1"));
        }

        @Test
        void aManualLevelBelowTheAutomaticOneIsACeiling() {
            fixture.given(member(), purchase("o1", "6000.00"), upgraded(1, 4, "6000.00"))
                    .when(new AdjustLevelCommand(ID, 2, "abuse", null, null))
                    .expectEvents(new LevelAdjustedEvent(ID, 2, ManualLevelMode.CEILING, null, "abuse", 4, 2, 4));
        }

        @Test
        void purchasesDoNotRaiseAMemberAboveACeiling() {
            fixture.given(member(), new LevelAdjustedEvent(ID, 1, ManualLevelMode.CEILING, null, "abuse", 1, 1, 1))
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ofYuan("6000.00"), NOW))
                    .expectEvents(
                            new PurchaseRecordedEvent(ID, "o1", Money.ofYuan("6000.00"), NOW, Money.ofYuan("6000.00")),
                            pendingLot(1, "o1", 6000));
        }

        @Test
        void staffEndAManualLevel() {
            fixture.given(
                            member(),
                            purchase("o1", "600.00"),
                            new LevelAdjustedEvent(ID, 5, ManualLevelMode.FLOOR, null, "trial", 1, 5, 2))
                    .when(new AdjustLevelCommand(ID, null, "trial over", null, null))
                    .expectEvents(
                            new LevelAdjustmentEndedEvent(ID, AdjustmentEnd.CLEARED, "trial over", null, 5, 2, 2));
        }

        @Test
        void refusesEndingAManualLevelThatIsNotThere() {
            fixture.given(member())
                    .when(new AdjustLevelCommand(ID, null, "nothing", null, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.NO_MANUAL_LEVEL));
        }

        @Test
        void refusesLevelsThatDoNotExist() {
            fixture.given(member())
                    .when(new AdjustLevelCommand(ID, 6, "?", null, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INVALID_LEVEL));
        }

        @Test
        void refusesAnEndInThePast() {
            fixture.given(member())
                    .when(new AdjustLevelCommand(ID, 3, "late", NOW.minusSeconds(1), null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INVALID_UNTIL));
        }

        @Test
        void refusesALevelAdjustmentFromAStaleVersion() {
            fixture.given(member(), new MemberFrozenEvent(ID, null))
                    .when(new AdjustLevelCommand(ID, 3, "promo", null, 0L))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VERSION_MISMATCH));
        }

        @Test
        void theSameManualLevelAgainChangesNothing() {
            fixture.given(member(), new LevelAdjustedEvent(ID, 4, ManualLevelMode.FLOOR, until, "VIP", 1, 4, 1))
                    .when(new AdjustLevelCommand(ID, 4, "VIP", until, null))
                    .expectNoEvents();
        }
    }

    @Nested
    class Benefits {

        private final BenefitId shipping = BenefitId.of("free-shipping");
        private final BenefitId voucher = BenefitId.of("voucher");

        @BeforeEach
        void catalogue() {
            catalogue.add(
                    shipping,
                    new BenefitTerms(
                            "免运费",
                            "Free shipping",
                            null,
                            BenefitType.FREE_SHIPPING,
                            null,
                            List.of(2, 3),
                            new Quota(2, QuotaPeriod.MONTH),
                            500L));
            catalogue.add(
                    voucher, new BenefitTerms("礼券", "Voucher", null, BenefitType.GIFT, null, List.of(5), null, null));
        }

        @Test
        void usesABenefitOfTheLevelCountedInTheMonthOfTheMembersTimeZone() {
            fixture.given(member(), upgraded(1, 2, "500.00"))
                    .when(new UseBenefitCommand(ID, shipping, "u1"))
                    .expectEvents(new BenefitUsedEvent(ID, shipping, "u1", BenefitType.FREE_SHIPPING, 2, "2026-11", 0))
                    .expectResultMessagePayloadMatching(
                            outcome(BenefitUseDecision.class, (o, d) -> d.usedInPeriod() == 1 && d.quotaLeft() == 1));
        }

        @Test
        void theSameUseAgainChangesNothing() {
            fixture.given(
                            member(),
                            upgraded(1, 2, "500.00"),
                            new BenefitUsedEvent(ID, shipping, "u1", BenefitType.FREE_SHIPPING, 2, "2026-11", 0))
                    .when(new UseBenefitCommand(ID, shipping, "u1"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcome(BenefitUseDecision.class, (o, d) -> o.duplicate()));
        }

        @Test
        void refusesAUseIdGivenToAnotherBenefit() {
            fixture.given(
                            member(),
                            upgraded(1, 2, "500.00"),
                            new BenefitUsedEvent(ID, shipping, "u1", BenefitType.FREE_SHIPPING, 2, "2026-11", 0))
                    .when(new UseBenefitCommand(ID, voucher, "u1"))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.IDEMPOTENCY_CONFLICT));
        }

        @Test
        void refusesUsesBeyondTheQuotaOfThePeriodButNotInTheNextPeriod() {
            fixture.given(
                            member(),
                            upgraded(1, 2, "500.00"),
                            new BenefitUsedEvent(ID, shipping, "u1", BenefitType.FREE_SHIPPING, 2, "2026-11", 0),
                            new BenefitUsedEvent(ID, shipping, "u2", BenefitType.FREE_SHIPPING, 2, "2026-11", 0),
                            new BenefitUsedEvent(ID, shipping, "u0", BenefitType.FREE_SHIPPING, 2, "2026-10", 0))
                    .when(new UseBenefitCommand(ID, shipping, "u3"))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.BENEFIT_QUOTA_EXHAUSTED));
        }

        @Test
        void refusesABenefitTheLevelDoesNotGet() {
            fixture.given(member())
                    .when(new UseBenefitCommand(ID, shipping, "u1"))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.BENEFIT_NOT_GRANTED));
        }

        @Test
        void refusesUnknownAndRetiredBenefits() {
            fixture.given(member(), upgraded(1, 2, "500.00"))
                    .when(new UseBenefitCommand(ID, BenefitId.of("nothing"), "u1"))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.BENEFIT_NOT_FOUND));
            catalogue.update(shipping, catalogue.find(shipping).orElseThrow().terms(), BenefitStatus.RETIRED);
            fixture.given(member(), upgraded(1, 2, "500.00"))
                    .when(new UseBenefitCommand(ID, shipping, "u1"))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.BENEFIT_RETIRED));
        }

        @Test
        void refusesFrozenMembers() {
            fixture.given(member(), upgraded(1, 2, "500.00"), new MemberFrozenEvent(ID, null))
                    .when(new UseBenefitCommand(ID, shipping, "u1"))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.MEMBER_FROZEN));
        }

        @Test
        void buysABenefitWithPointsWhateverTheLevel() {
            fixture.given(member(), lot("a1", 1, 800, EXPIRY))
                    .when(new BuyBenefitCommand(ID, shipping, "p1"))
                    .expectEvents(
                            new PointsSpentEvent(
                                    ID,
                                    SpendPurpose.BENEFIT,
                                    "p1",
                                    500,
                                    null,
                                    null,
                                    "free-shipping",
                                    List.of(new LotConsumption(1, 500, false))),
                            new BenefitUsedEvent(ID, shipping, "p1", BenefitType.FREE_SHIPPING, 1, null, 500))
                    .expectResultMessagePayloadMatching(outcome(
                            BenefitUseDecision.class, (o, d) -> o.points().available() == 300));
        }

        @Test
        void buyingTwiceWithTheSamePurchaseIdPaysOnce() {
            fixture.given(
                            member(),
                            lot("a1", 1, 800, EXPIRY),
                            spent("p1", 500, new LotConsumption(1, 500, false)),
                            new BenefitUsedEvent(ID, shipping, "p1", BenefitType.FREE_SHIPPING, 1, null, 500))
                    .when(new BuyBenefitCommand(ID, shipping, "p1"))
                    .expectNoEvents();
        }

        @Test
        void refusesBuyingWhatHasNoPriceOrWithoutEnoughPoints() {
            fixture.given(member(), lot("a1", 1, 800, EXPIRY))
                    .when(new BuyBenefitCommand(ID, voucher, "p1"))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.BENEFIT_NOT_FOR_SALE));
            fixture.given(member(), lot("a1", 1, 499, EXPIRY))
                    .when(new BuyBenefitCommand(ID, shipping, "p1"))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INSUFFICIENT_POINTS));
        }

        @Test
        void purchasePointsUseTheMultiplierOfTheCurrentRules() {
            currentRules = (BenefitRules.withCatalogue(
                    RULES,
                    List.of(new BenefitTerms(
                            "x",
                            "x",
                            null,
                            BenefitType.POINTS_MULTIPLIER,
                            new BigDecimal("3"),
                            List.of(1),
                            null,
                            null))));
            fixture.given(member())
                    .when(new RecordPurchaseCommand(ID, "o1", Money.ofYuan("100.00"), null))
                    .expectResultMessagePayloadMatching(
                            outcome(PurchaseDecision.class, (o, d) -> o.points().pending() == 300));
        }
    }

    @Nested
    class ActivityRewards {

        private final ActivityId activity = ActivityId.of("0190f2a4-1c3e-7a00-8000-0000000000aa");

        @Test
        void creditsTheRewardOnceAsAnAvailableLot() {
            fixture.given(member())
                    .when(new RewardActivityCommand(ID, activity, 30))
                    .expectEvents(new PointsEarnedEvent(
                            ID, 1, PointsSource.ACTIVITY, activity.toString(), 30, false, null, EXPIRY, 0));
            fixture.given(
                            member(),
                            new PointsEarnedEvent(
                                    ID, 1, PointsSource.ACTIVITY, activity.toString(), 30, false, null, EXPIRY, 0))
                    .when(new RewardActivityCommand(ID, activity, 30))
                    .expectNoEvents();
        }
    }

    @Nested
    class TimeDrivenTransitions {

        @Test
        void releasesPendingPointsWhenTheReturnWindowHasPassed() {
            Instant releaseAt = NOW.minusSeconds(60);
            fixture.given(
                            member(),
                            purchase("o1", "600.00"),
                            new PointsEarnedEvent(ID, 1, PointsSource.PURCHASE, "o1", 600, true, releaseAt, EXPIRY, 0))
                    .when(new ProcessDueTransitionsCommand(ID))
                    .expectEvents(new PointsReleasedEvent(ID, 1, 600, releaseAt, 0))
                    .expectResultMessagePayloadMatching(outcome(
                            DueTransitionsDecision.class,
                            (o, d) -> d.released() == 1 && o.points().available() == 600));
            assertThat(schedule.dueAt()).containsEntry(ID, EXPIRY);
        }

        @Test
        void releasedPointsPayOffDebtFirst() {
            Instant releaseAt = NOW.minusSeconds(60);
            fixture.given(
                            member(),
                            purchase("o1", "600.00"),
                            new PointsEarnedEvent(ID, 1, PointsSource.PURCHASE, "o1", 600, true, releaseAt, EXPIRY, 0),
                            debt(100))
                    .when(new ProcessDueTransitionsCommand(ID))
                    .expectEvents(new PointsReleasedEvent(ID, 1, 600, releaseAt, 100));
        }

        @Test
        void expiresLotsInTheOrderTheyFellDueAndOnlyOnce() {
            Instant first = NOW.minusSeconds(120);
            Instant second = NOW.minusSeconds(60);
            fixture.given(member(), lot("a1", 1, 40, second), lot("a2", 2, 30, first), lot("a3", 3, 20, EXPIRY))
                    .when(new ProcessDueTransitionsCommand(ID))
                    .expectEvents(
                            new PointsExpiredEvent(ID, 2, 30, false, first),
                            new PointsExpiredEvent(ID, 1, 40, false, second));
        }

        @Test
        void nothingDueMeansNothingHappens() {
            fixture.given(member(), lot("a1", 1, 40, EXPIRY))
                    .when(new ProcessDueTransitionsCommand(ID))
                    .expectNoEvents();
            assertThat(schedule.dueAt()).containsEntry(ID, EXPIRY);
        }

        @Test
        void endsAManualLevelWhenItsEndHasCome() {
            Instant until = NOW.minusSeconds(1);
            fixture.given(member(), new LevelAdjustedEvent(ID, 3, ManualLevelMode.FLOOR, until, "promo", 1, 3, 1))
                    .when(new ProcessDueTransitionsCommand(ID))
                    .expectEvents(new LevelAdjustmentEndedEvent(ID, AdjustmentEnd.EXPIRED, null, until, 3, 1, 1));
        }

        @Test
        void everyCommandFirstAppliesWhatFellDueSoExpiredPointsCannotBeSpent() {
            Instant expired = NOW.minusSeconds(1);
            fixture.given(member(), lot("old", 1, 100, expired), lot("new", 2, 50, EXPIRY))
                    .when(new RedeemPointsCommand(ID, "x1", "mug", 50))
                    .expectEvents(
                            new PointsExpiredEvent(ID, 1, 100, false, expired),
                            new PointsSpentEvent(
                                    ID,
                                    SpendPurpose.REDEMPTION,
                                    "x1",
                                    50,
                                    null,
                                    null,
                                    "mug",
                                    List.of(new LotConsumption(2, 50, false))));
        }

        @Test
        void aDeletedMemberHasNothingDue() {
            fixture.given(member(), lot("a1", 1, 40, NOW.minusSeconds(5)), new MemberDeletedEvent(ID, null))
                    .when(new ProcessDueTransitionsCommand(ID))
                    .expectNoEvents();
            assertThat(schedule.dueAt()).doesNotContainKey(ID);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static MemberRegisteredEvent member() {
        return new MemberRegisteredEvent(ID, registered("Alice", "13800138000", null), 1);
    }

    private static MemberRegisteredEvent bornIn(int month) {
        MemberProfile profile = new MemberProfile(
                "Alice",
                "13800138000",
                null,
                Gender.FEMALE,
                LocalDate.of(1990, month, 15),
                MemberLocale.ZH_CN,
                null,
                null,
                List.of(),
                null,
                null);
        return new MemberRegisteredEvent(ID, profile, 1);
    }

    private static PurchaseRecordedEvent purchase(String orderId, String yuan) {
        return new PurchaseRecordedEvent(ID, orderId, Money.ofYuan(yuan), NOW, Money.ofYuan(yuan));
    }

    private static PointsEarnedEvent pendingLot(int lotNo, String orderId, long points) {
        return new PointsEarnedEvent(ID, lotNo, PointsSource.PURCHASE, orderId, points, true, RELEASE, EXPIRY, 0);
    }

    private static PointsAdjustedEvent lot(String adjustmentId, int lotNo, long points, Instant expiresAt) {
        return new PointsAdjustedEvent(ID, adjustmentId, points, "given", lotNo, expiresAt, 0, List.of());
    }

    private static PointsAdjustedEvent adjustmentLot(String adjustmentId, int lotNo, long points) {
        return lot(adjustmentId, lotNo, points, EXPIRY);
    }

    private static PointsSpentEvent spent(String redemptionId, long points, LotConsumption... consumed) {
        return new PointsSpentEvent(
                ID, SpendPurpose.REDEMPTION, redemptionId, points, null, null, "gift", List.of(consumed));
    }

    private static PointsSpentEvent spentOnOrder(String orderId, long points) {
        return new PointsSpentEvent(
                ID,
                SpendPurpose.ORDER_DEDUCTION,
                orderId,
                points,
                Money.ofYuan("10.00"),
                new Money(points),
                null,
                List.of(new LotConsumption(1, points, false)));
    }

    /** A debt, as left by refunding an order whose points were all spent. */
    private static PointsReversedEvent debt(long points) {
        return new PointsReversedEvent(ID, "r-debt", "o1", points, List.of(), points);
    }

    private static LevelUpgradedEvent upgraded(int from, int to, String netSpend) {
        return new LevelUpgradedEvent(ID, from, to, to, Money.ofYuan(netSpend), "purchase");
    }

    private static MemberProfile profile(String name, String mobile, String email) {
        return new MemberProfile(name, mobile, email, null, null, null, null, null, List.of(), null, null);
    }

    private static MemberProfile registered(String name, String mobile, String email) {
        return new MemberProfile(
                name, mobile, email, Gender.UNDISCLOSED, null, MemberLocale.ZH_CN, null, null, List.of(), null, null);
    }

    @SuppressWarnings("unchecked")
    private static <D> Matcher<Object> outcome(Class<D> decisionType, BiPredicate<LoyaltyOutcome<D>, D> condition) {
        Predicate<Object> test = result -> result instanceof LoyaltyOutcome<?> outcome
                && decisionType.isInstance(outcome.decision())
                && condition.test((LoyaltyOutcome<D>) outcome, (D) outcome.decision());
        return matches(test::test);
    }
}
