package org.memberhub.command.member;

import static org.memberhub.command.support.CommandChecks.requireVersion;
import static org.memberhub.command.support.CommandChecks.trimToNull;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.memberhub.command.benefit.BenefitCatalogue;
import org.memberhub.kernel.activity.RewardActivityCommand;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitStatus;
import org.memberhub.kernel.benefit.BenefitTerms;
import org.memberhub.kernel.benefit.BenefitUseDecision;
import org.memberhub.kernel.benefit.BenefitUsedEvent;
import org.memberhub.kernel.benefit.BuyBenefitCommand;
import org.memberhub.kernel.benefit.LoyaltyRulesSource;
import org.memberhub.kernel.benefit.UseBenefitCommand;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.level.AdjustLevelCommand;
import org.memberhub.kernel.level.LevelAdjustedEvent;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.LevelDecision;
import org.memberhub.kernel.level.LevelDowngradedEvent;
import org.memberhub.kernel.level.LevelUpgradedEvent;
import org.memberhub.kernel.loyalty.LoyaltyAccount;
import org.memberhub.kernel.loyalty.LoyaltyOutcome;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.member.ChangeOwnProfileCommand;
import org.memberhub.kernel.member.DeleteMemberCommand;
import org.memberhub.kernel.member.EraseMemberCommand;
import org.memberhub.kernel.member.FreezeMemberCommand;
import org.memberhub.kernel.member.MemberDeletedEvent;
import org.memberhub.kernel.member.MemberErasedEvent;
import org.memberhub.kernel.member.MemberFrozenEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberProfileUpdatedEvent;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberUnfrozenEvent;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.kernel.member.ProfileRules;
import org.memberhub.kernel.member.RegisterMemberCommand;
import org.memberhub.kernel.member.UnfreezeMemberCommand;
import org.memberhub.kernel.member.UpdateMemberProfileCommand;
import org.memberhub.kernel.member.VersionedCommand;
import org.memberhub.kernel.points.AdjustPointsCommand;
import org.memberhub.kernel.points.AdjustmentDecision;
import org.memberhub.kernel.points.DueTransitionsDecision;
import org.memberhub.kernel.points.EarnDecision;
import org.memberhub.kernel.points.EarnPointsCommand;
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
import org.memberhub.kernel.privacy.PersonalData;
import org.memberhub.kernel.privacy.PersonalDataSubject;
import org.memberhub.kernel.privacy.PersonalDataVault;

/**
 * A member of the loyalty programme: profile and status here, purchases, points and level in its
 * {@link LoyaltyAccount}. Every command answers with what the decision left behind, so that callers never have to
 * read a (possibly lagging) read model to learn the outcome.
 *
 * <p>Before any command, the member first applies whatever fell due since its last command (releases, expiries, the
 * end of a manual level), so a decision never uses points that have expired, whether or not the sweep has woken the
 * member yet; afterwards it records its next due instant in the {@link DueSchedule}.
 *
 * <p>Registration is a handler with {@link AggregateCreationPolicy#ALWAYS} rather than a constructor, because a
 * constructor handler can only answer with the new identifier. Snapshots are serialized with Jackson from the fields.
 * Loaded members are cached between commands ({@code CommandConfig#memberRepository}).
 */
@Aggregate(repository = "memberRepository")
// the shape of its snapshots: raise it with any change of its fields, so that older snapshots are not loaded
@Revision("2")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public class Member implements PersonalDataSubject {

    static final int ENTRY_LEVEL = 1;

    private static final Consumer<Object> APPLY = AggregateLifecycle::apply;

    @AggregateIdentifier
    private MemberId memberId;

    @PersonalData
    private MemberProfile profile;

    private boolean erased;
    private MemberStatus status;
    private Instant joinedAt;
    private Instant updatedAt;
    private LoyaltyAccount loyalty = new LoyaltyAccount();
    private BenefitUses benefits = new BenefitUses();

    protected Member() {
        // for Axon and for snapshot deserialization
    }

    /**
     * Runs around every command: refuses a stale {@code If-Match}, catches up on what fell due, and reschedules. The
     * version check comes first, so that transitions applied on the way never make a caller's version look stale.
     */
    @CommandHandlerInterceptor
    Object aroundEveryCommand(
            CommandMessage<?> command, InterceptorChain chain, Clock clock, LoyaltyRules rules, DueSchedule schedule)
            throws Exception {
        if (memberId == null) {
            return chain.proceed();
        }
        Object payload = command.getPayload();
        if (payload instanceof VersionedCommand versioned) {
            requireVersion(versioned.expectedVersion());
        }
        Instant dueBefore = loyalty.nextDueAt();
        if (status != MemberStatus.DELETED && !(payload instanceof ProcessDueTransitionsCommand)) {
            loyalty.catchUp(memberId, clock.instant(), rules, APPLY);
        }
        Object result = chain.proceed();
        Instant dueAfter = status == MemberStatus.DELETED ? null : loyalty.nextDueAt();
        if (!Objects.equals(dueBefore, dueAfter) || payload instanceof ProcessDueTransitionsCommand) {
            schedule.set(memberId, dueAfter);
        }
        return result;
    }

    // ---------------------------------------------------------------- profile and status

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    MemberView handle(RegisterMemberCommand command, UniqueKeys uniqueKeys, Clock clock) {
        MemberProfile registered = ProfileRules.normalize(command.profile(), LocalDate.now(clock));
        for (UniqueKey key : UniqueKey.of(registered)) {
            uniqueKeys.claim(command.memberId(), key);
        }
        AggregateLifecycle.apply(new MemberRegisteredEvent(command.memberId(), registered, ENTRY_LEVEL));
        return view();
    }

    @CommandHandler
    MemberView handle(UpdateMemberProfileCommand command, UniqueKeys uniqueKeys, Clock clock) {
        requireNotDeleted();
        return changeProfile(command.profile(), uniqueKeys, clock);
    }

    @CommandHandler
    MemberView handle(ChangeOwnProfileCommand command, UniqueKeys uniqueKeys, Clock clock) {
        requireNotDeleted();
        return changeProfile(
                new MemberProfile(
                        command.name(),
                        profile.mobile(),
                        command.email(),
                        command.gender(),
                        command.birthday(),
                        command.locale(),
                        command.address(),
                        profile.notes(),
                        profile.tags(),
                        profile.externalRef(),
                        command.timeZone()),
                uniqueKeys,
                clock);
    }

    @CommandHandler
    MemberView handle(FreezeMemberCommand command) {
        requireNotDeleted();
        if (status == MemberStatus.FROZEN) {
            throw new DomainException(ErrorCode.MEMBER_ALREADY_FROZEN, memberId.toString());
        }
        AggregateLifecycle.apply(new MemberFrozenEvent(memberId, trimToNull(command.reason())));
        return view();
    }

    @CommandHandler
    MemberView handle(UnfreezeMemberCommand command) {
        requireNotDeleted();
        if (status != MemberStatus.FROZEN) {
            throw new DomainException(ErrorCode.MEMBER_NOT_FROZEN, memberId.toString());
        }
        AggregateLifecycle.apply(new MemberUnfrozenEvent(memberId, trimToNull(command.reason())));
        return view();
    }

    /** Deletion keeps the history for audit, frees the member's unique values for reuse and stops its clock. */
    @CommandHandler
    MemberView handle(DeleteMemberCommand command, UniqueKeys uniqueKeys) {
        requireNotDeleted();
        for (UniqueKey key : UniqueKey.of(profile)) {
            uniqueKeys.release(memberId, key);
        }
        AggregateLifecycle.apply(new MemberDeletedEvent(memberId, trimToNull(command.reason())));
        return view();
    }

    /**
     * Erases the member's personal data for good: the key that every stored profile of the member is encrypted with
     * is destroyed in the transaction that records the erasure, so events, snapshots and dead letters keep only what
     * nobody can read. The member is deleted too, if not yet; history, points and level stay.
     */
    @CommandHandler
    MemberView handle(EraseMemberCommand command, UniqueKeys uniqueKeys, PersonalDataVault vault) {
        if (erased) {
            throw new DomainException(ErrorCode.MEMBER_ALREADY_ERASED, memberId.toString());
        }
        if (status != MemberStatus.DELETED) {
            for (UniqueKey key : UniqueKey.of(profile)) {
                uniqueKeys.release(memberId, key);
            }
        }
        vault.forget(personalDataSubject());
        AggregateLifecycle.apply(new MemberErasedEvent(memberId, trimToNull(command.reason())));
        return view();
    }

    /** Whether the member's personal data has been erased; such a member is not kept in the aggregate cache. */
    public boolean erased() {
        return erased;
    }

    @Override
    public String personalDataSubject() {
        return memberId.toString();
    }

    // ---------------------------------------------------------------- purchases, points, level

    /** Purchases and refunds are recorded for frozen members too: the money moved either way. */
    @CommandHandler
    LoyaltyOutcome<PurchaseDecision> handle(RecordPurchaseCommand command, Clock clock, LoyaltyRulesSource source) {
        requireNotDeleted();
        LoyaltyRules rules = source.current();
        return outcome(loyalty.recordPurchase(
                memberId,
                command.orderId(),
                command.amount(),
                command.occurredAt(),
                clock.instant(),
                rules,
                zone(rules),
                APPLY));
    }

    @CommandHandler
    LoyaltyOutcome<RefundDecision> handle(RefundPurchaseCommand command, LoyaltyRules rules) {
        requireNotDeleted();
        return outcome(loyalty.refund(memberId, command.refundId(), command.orderId(), command.amount(), rules, APPLY));
    }

    @CommandHandler
    LoyaltyOutcome<EarnDecision> handle(EarnPointsCommand command, Clock clock, LoyaltyRules rules) {
        requireActive();
        return outcome(loyalty.earn(
                memberId,
                command.type(),
                command.orderId(),
                profile.birthday(),
                clock.instant(),
                rules,
                zone(rules),
                APPLY));
    }

    @CommandHandler
    LoyaltyOutcome<SpendDecision> handle(SpendPointsCommand command, LoyaltyRules rules) {
        requireActive();
        return outcome(loyalty.spendOnOrder(
                memberId, command.orderId(), command.orderAmount(), command.points(), rules, APPLY));
    }

    @CommandHandler
    LoyaltyOutcome<SpendDecision> handle(SpendOnPurchaseCommand command, LoyaltyRules rules) {
        requireActive();
        return outcome(loyalty.spendOnPurchase(memberId, command.orderId(), command.points(), rules, APPLY));
    }

    @CommandHandler
    LoyaltyOutcome<SpendDecision> handle(RedeemPointsCommand command) {
        requireActive();
        return outcome(loyalty.redeem(memberId, command.redemptionId(), command.productId(), command.points(), APPLY));
    }

    /** Credits an activity's reward; sent by the command side when the member joins, in the same transaction. */
    @CommandHandler
    LoyaltyOutcome<EarnDecision> handle(RewardActivityCommand command, Clock clock, LoyaltyRules rules) {
        requireActive();
        return outcome(loyalty.rewardActivity(
                memberId,
                command.activityId().toString(),
                command.points(),
                clock.instant(),
                rules,
                zone(rules),
                APPLY));
    }

    // ---------------------------------------------------------------- benefits

    /**
     * Uses one of the benefits the member's level gets. A benefit with a quota counts free uses per calendar period
     * in the member's time zone; the same use id again changes nothing.
     */
    @CommandHandler
    LoyaltyOutcome<BenefitUseDecision> handle(
            UseBenefitCommand command, BenefitCatalogue catalogue, Clock clock, LoyaltyRules rules) {
        requireActive();
        requireReference(command.useId());
        BenefitUseDecision known = benefits.known(command.useId(), command.benefitId());
        if (known != null) {
            return outcome(new LoyaltyAccount.Result<>(known, true));
        }
        BenefitTerms terms = activeBenefit(catalogue, command.benefitId());
        int level = loyalty.level();
        if (!terms.grantedTo(level)) {
            throw new DomainException(
                    ErrorCode.BENEFIT_NOT_GRANTED, command.benefitId().value(), level);
        }
        String period = terms.quota() == null
                ? null
                : terms.quota().period().key(LocalDate.ofInstant(clock.instant(), zone(rules)));
        if (period != null
                && benefits.freeUses(command.benefitId(), period)
                        >= terms.quota().uses()) {
            throw new DomainException(
                    ErrorCode.BENEFIT_QUOTA_EXHAUSTED,
                    command.benefitId().value(),
                    terms.quota().uses(),
                    period);
        }
        AggregateLifecycle.apply(
                new BenefitUsedEvent(memberId, command.benefitId(), command.useId(), terms.type(), level, period, 0));
        return outcome(new LoyaltyAccount.Result<>(benefits.decision(command.useId(), terms), false));
    }

    /** Buys one use of a benefit for its points price, whatever the level and outside any quota. */
    @CommandHandler
    LoyaltyOutcome<BenefitUseDecision> handle(BuyBenefitCommand command, BenefitCatalogue catalogue) {
        requireActive();
        requireReference(command.purchaseId());
        BenefitUseDecision known = benefits.known(command.purchaseId(), command.benefitId());
        if (known != null) {
            return outcome(new LoyaltyAccount.Result<>(known, true));
        }
        BenefitTerms terms = activeBenefit(catalogue, command.benefitId());
        if (terms.pointsPrice() == null) {
            throw new DomainException(
                    ErrorCode.BENEFIT_NOT_FOR_SALE, command.benefitId().value());
        }
        loyalty.buyBenefit(memberId, command.purchaseId(), command.benefitId().value(), terms.pointsPrice(), APPLY);
        AggregateLifecycle.apply(new BenefitUsedEvent(
                memberId,
                command.benefitId(),
                command.purchaseId(),
                terms.type(),
                loyalty.level(),
                null,
                terms.pointsPrice()));
        return outcome(new LoyaltyAccount.Result<>(benefits.decision(command.purchaseId(), terms), false));
    }

    /** What an activity needs to know to let the member join: refuses deleted and frozen members. */
    public int levelForJoining() {
        requireActive();
        return loyalty.level();
    }

    /** Staff adjust points of frozen members too, for instance to correct a fraud. */
    @CommandHandler
    LoyaltyOutcome<AdjustmentDecision> handle(AdjustPointsCommand command, Clock clock, LoyaltyRules rules) {
        requireNotDeleted();
        return outcome(loyalty.adjust(
                memberId,
                command.adjustmentId(),
                command.delta(),
                trimToNull(command.reason()),
                clock.instant(),
                rules,
                zone(rules),
                APPLY));
    }

    @CommandHandler
    LoyaltyOutcome<LevelDecision> handle(AdjustLevelCommand command, Clock clock, LoyaltyRules rules) {
        requireNotDeleted();
        return outcome(loyalty.adjustLevel(
                memberId,
                command.level(),
                trimToNull(command.reason()),
                command.until(),
                clock.instant(),
                rules,
                APPLY));
    }

    @CommandHandler
    LoyaltyOutcome<DueTransitionsDecision> handle(
            ProcessDueTransitionsCommand command, Clock clock, LoyaltyRules rules) {
        DueTransitionsDecision decision = status == MemberStatus.DELETED
                ? new DueTransitionsDecision(0, 0, false)
                : loyalty.catchUp(memberId, clock.instant(), rules, APPLY);
        return outcome(new LoyaltyAccount.Result<>(decision, false));
    }

    // ---------------------------------------------------------------- event sourcing

    @EventSourcingHandler
    void on(MemberRegisteredEvent event, @Timestamp Instant timestamp) {
        memberId = event.memberId();
        profile = event.profile();
        status = MemberStatus.ACTIVE;
        loyalty.register(event.level());
        joinedAt = timestamp;
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(MemberProfileUpdatedEvent event, @Timestamp Instant timestamp) {
        profile = event.profile();
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(MemberFrozenEvent event, @Timestamp Instant timestamp) {
        status = MemberStatus.FROZEN;
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(MemberUnfrozenEvent event, @Timestamp Instant timestamp) {
        status = MemberStatus.ACTIVE;
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(MemberDeletedEvent event, @Timestamp Instant timestamp) {
        status = MemberStatus.DELETED;
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(MemberErasedEvent event, @Timestamp Instant timestamp) {
        profile = MemberProfile.erased();
        status = MemberStatus.DELETED;
        erased = true;
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(PurchaseRecordedEvent event) {
        loyalty.on(event);
    }

    @EventSourcingHandler
    void on(PurchaseRefundedEvent event) {
        loyalty.on(event);
    }

    @EventSourcingHandler
    void on(PointsEarnedEvent event) {
        loyalty.on(event);
    }

    @EventSourcingHandler
    void on(PointsReleasedEvent event) {
        loyalty.on(event);
    }

    @EventSourcingHandler
    void on(PointsSpentEvent event) {
        loyalty.on(event);
    }

    @EventSourcingHandler
    void on(PointsReversedEvent event) {
        loyalty.on(event);
    }

    @EventSourcingHandler
    void on(PointsExpiredEvent event) {
        loyalty.on(event);
    }

    @EventSourcingHandler
    void on(PointsAdjustedEvent event) {
        loyalty.on(event);
    }

    @EventSourcingHandler
    void on(BenefitUsedEvent event) {
        benefits.on(event);
    }

    @EventSourcingHandler
    void on(LevelUpgradedEvent event, @Timestamp Instant timestamp) {
        loyalty.on(event);
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(LevelDowngradedEvent event, @Timestamp Instant timestamp) {
        loyalty.on(event);
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(LevelAdjustedEvent event, @Timestamp Instant timestamp) {
        loyalty.on(event);
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(LevelAdjustmentEndedEvent event, @Timestamp Instant timestamp) {
        loyalty.on(event);
        updatedAt = timestamp;
    }

    // ---------------------------------------------------------------- helpers

    /** Replaces the profile; unique values that change are claimed for this member and the old ones freed. */
    private MemberView changeProfile(MemberProfile requested, UniqueKeys uniqueKeys, Clock clock) {
        MemberProfile updated = ProfileRules.normalize(requested, LocalDate.now(clock));
        if (updated.equals(profile)) {
            return view();
        }
        Set<UniqueKey> before = UniqueKey.of(profile);
        Set<UniqueKey> after = UniqueKey.of(updated);
        for (UniqueKey key : difference(after, before)) {
            uniqueKeys.claim(memberId, key);
        }
        for (UniqueKey key : difference(before, after)) {
            uniqueKeys.release(memberId, key);
        }
        AggregateLifecycle.apply(new MemberProfileUpdatedEvent(memberId, updated));
        return view();
    }

    private static BenefitTerms activeBenefit(BenefitCatalogue catalogue, BenefitId id) {
        BenefitCatalogue.Entry entry =
                catalogue.find(id).orElseThrow(() -> new DomainException(ErrorCode.BENEFIT_NOT_FOUND, id.value()));
        if (entry.status() == BenefitStatus.RETIRED) {
            throw new DomainException(ErrorCode.BENEFIT_RETIRED, id.value());
        }
        return entry.terms();
    }

    private static void requireReference(String reference) {
        if (reference == null || reference.isBlank() || reference.length() > 64) {
            throw new DomainException(ErrorCode.INVALID_REFERENCE, String.valueOf(reference));
        }
    }

    private void requireNotDeleted() {
        if (status == MemberStatus.DELETED) {
            throw new DomainException(ErrorCode.MEMBER_DELETED, memberId.toString());
        }
    }

    /** Members act for themselves (earn, spend) only while neither deleted nor frozen. */
    private void requireActive() {
        requireNotDeleted();
        if (status == MemberStatus.FROZEN) {
            throw new DomainException(ErrorCode.MEMBER_FROZEN, memberId.toString());
        }
    }

    private ZoneId zone(LoyaltyRules rules) {
        return profile.timeZone() == null ? rules.defaultTimeZone() : ZoneId.of(profile.timeZone());
    }

    private MemberView view() {
        return new MemberView(
                memberId, profile, status, loyalty.level(), joinedAt, updatedAt, AggregateLifecycle.getVersion());
    }

    private <D> LoyaltyOutcome<D> outcome(LoyaltyAccount.Result<D> result) {
        return new LoyaltyOutcome<>(
                result.decision(),
                loyalty.balance(),
                loyalty.levelStatus(),
                AggregateLifecycle.getVersion(),
                result.duplicate());
    }

    private static Set<UniqueKey> difference(Set<UniqueKey> from, Set<UniqueKey> minus) {
        Set<UniqueKey> result = new HashSet<>(from);
        result.removeAll(minus);
        return result;
    }
}
