package org.memberhub.command.member;

import static org.memberhub.command.support.CommandChecks.requireVersion;
import static org.memberhub.command.support.CommandChecks.trimToNull;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
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
import org.memberhub.kernel.benefit.BenefitUseDecision;
import org.memberhub.kernel.benefit.BenefitUsedEvent;
import org.memberhub.kernel.benefit.BuyBenefitCommand;
import org.memberhub.kernel.benefit.LoyaltyRulesSource;
import org.memberhub.kernel.benefit.UseBenefitCommand;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.fold.MemberFold;
import org.memberhub.kernel.level.AdjustLevelCommand;
import org.memberhub.kernel.level.LevelDecision;
import org.memberhub.kernel.loyalty.LoyaltyOutcome;
import org.memberhub.kernel.member.ChangeOwnProfileCommand;
import org.memberhub.kernel.member.DeleteMemberCommand;
import org.memberhub.kernel.member.EraseMemberCommand;
import org.memberhub.kernel.member.FreezeMemberCommand;
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
import org.memberhub.kernel.member.RegisterMemberCommand;
import org.memberhub.kernel.member.UnfreezeMemberCommand;
import org.memberhub.kernel.member.UpdateMemberProfileCommand;
import org.memberhub.kernel.member.VersionedCommand;
import org.memberhub.kernel.points.AdjustPointsCommand;
import org.memberhub.kernel.points.AdjustmentDecision;
import org.memberhub.kernel.points.CancelDeductionCommand;
import org.memberhub.kernel.points.CancelDeductionDecision;
import org.memberhub.kernel.points.DueTransitionsDecision;
import org.memberhub.kernel.points.EarnDecision;
import org.memberhub.kernel.points.EarnPointsCommand;
import org.memberhub.kernel.points.ProcessDueTransitionsCommand;
import org.memberhub.kernel.points.PurchaseDecision;
import org.memberhub.kernel.points.RecordPurchaseCommand;
import org.memberhub.kernel.points.RedeemPointsCommand;
import org.memberhub.kernel.points.RefundDecision;
import org.memberhub.kernel.points.RefundPurchaseCommand;
import org.memberhub.kernel.points.SpendDecision;
import org.memberhub.kernel.points.SpendOnPurchaseCommand;
import org.memberhub.kernel.points.SpendPointsCommand;
import org.memberhub.kernel.privacy.PersonalDataSubject;
import org.memberhub.kernel.privacy.PersonalDataVault;

/**
 * A member of the loyalty programme. Its state is a {@link MemberFold} of its events, shared with the audit; its
 * decisions are taken by the rules of this package ({@link PurchaseRules}, {@link EarningRules}, {@link SpendingRules},
 * {@link DeductionReturns}, {@link PointsAdjustmentRules}, {@link LevelRules}, {@link BenefitUseRules}, {@link DueTransitions},
 * {@link ProfileChanges}) from that state, the rules in force and the time. Every command answers with what the
 * decision left behind, so that callers never have to read a (possibly lagging) read model to learn the outcome.
 *
 * <p>Before any command, the member first applies whatever fell due since its last command (releases, expiries, the
 * end of a manual level), so a decision never uses points that have expired; afterwards it records its next due
 * instant in the {@link DueSchedule}. The loyalty rules come from one {@link LoyaltyRulesSource}, which answers the
 * same rules throughout a unit of work, so a command and what it catches up on are decided by the same rules.
 *
 * <p>Registration is a handler with {@link AggregateCreationPolicy#ALWAYS}, because a constructor handler can only
 * answer with the new identifier. Snapshots are serialized with Jackson from the fields, the fold's unwrapped into
 * the member's. Loaded members are cached between commands ({@code CommandConfig#memberRepository}).
 */
@Aggregate(repository = "memberRepository")
// the shape of its snapshots: raise it with any change of its fields, so that older snapshots are not loaded
@Revision("4")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public class Member implements PersonalDataSubject {

    static final int ENTRY_LEVEL = 1;

    @AggregateIdentifier
    private MemberId memberId;

    @JsonUnwrapped
    private MemberFold state = new MemberFold();

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
            CommandMessage<?> command,
            InterceptorChain chain,
            Clock clock,
            LoyaltyRulesSource rules,
            DueSchedule schedule)
            throws Exception {
        Object payload = command.getPayload();
        if (memberId != null && payload instanceof VersionedCommand versioned) {
            requireVersion(versioned.expectedVersion());
        }
        Instant dueBefore = memberId == null ? null : DueTransitions.nextDueAt(deciding(clock, rules));
        if (memberId != null && !deleted() && !(payload instanceof ProcessDueTransitionsCommand)) {
            DueTransitions.catchUp(deciding(clock, rules));
        }
        Object result = chain.proceed();
        Instant dueAfter = memberId == null || deleted() ? null : DueTransitions.nextDueAt(deciding(clock, rules));
        if (memberId != null
                && (!Objects.equals(dueBefore, dueAfter) || payload instanceof ProcessDueTransitionsCommand)) {
            schedule.set(memberId, dueAfter);
        }
        return result;
    }

    // ---------------------------------------------------------------- profile and status

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    MemberView handle(RegisterMemberCommand command, UniqueKeys uniqueKeys, Clock clock) {
        MemberProfile registered =
                ProfileChanges.register(command.memberId(), command.profile(), uniqueKeys, LocalDate.now(clock));
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
        return changeProfile(ProfileChanges.requestedByMember(state.profile(), command), uniqueKeys, clock);
    }

    @CommandHandler
    MemberView handle(FreezeMemberCommand command) {
        requireNotDeleted();
        if (state.status() == MemberStatus.FROZEN) {
            throw new DomainException(ErrorCode.MEMBER_ALREADY_FROZEN, memberId.toString());
        }
        AggregateLifecycle.apply(new MemberFrozenEvent(memberId, trimToNull(command.reason())));
        return view();
    }

    @CommandHandler
    MemberView handle(UnfreezeMemberCommand command) {
        requireNotDeleted();
        if (state.status() != MemberStatus.FROZEN) {
            throw new DomainException(ErrorCode.MEMBER_NOT_FROZEN, memberId.toString());
        }
        AggregateLifecycle.apply(new MemberUnfrozenEvent(memberId, trimToNull(command.reason())));
        return view();
    }

    /** Deletion keeps the history for audit, frees the member's unique values for reuse and stops its clock. */
    @CommandHandler
    MemberView handle(DeleteMemberCommand command, UniqueKeys uniqueKeys) {
        requireNotDeleted();
        ProfileChanges.releaseAll(memberId, state.profile(), uniqueKeys);
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
        if (state.erased()) {
            throw new DomainException(ErrorCode.MEMBER_ALREADY_ERASED, memberId.toString());
        }
        if (!deleted()) {
            ProfileChanges.releaseAll(memberId, state.profile(), uniqueKeys);
        }
        vault.forget(personalDataSubject());
        AggregateLifecycle.apply(new MemberErasedEvent(memberId, trimToNull(command.reason())));
        return view();
    }

    /** Whether the member's personal data has been erased; such a member is not kept in the aggregate cache. */
    public boolean erased() {
        return state.erased();
    }

    @Override
    public String personalDataSubject() {
        return memberId.toString();
    }

    // ---------------------------------------------------------------- purchases, points, level

    /** Purchases and refunds are recorded for frozen members too: the money moved either way. */
    @CommandHandler
    LoyaltyOutcome<PurchaseDecision> handle(RecordPurchaseCommand command, Clock clock, LoyaltyRulesSource rules) {
        requireNotDeleted();
        return outcome(PurchaseRules.record(
                deciding(clock, rules), command.orderId(), command.amount(), command.occurredAt()));
    }

    @CommandHandler
    LoyaltyOutcome<RefundDecision> handle(RefundPurchaseCommand command, Clock clock, LoyaltyRulesSource rules) {
        requireNotDeleted();
        return outcome(
                PurchaseRules.refund(deciding(clock, rules), command.refundId(), command.orderId(), command.amount()));
    }

    @CommandHandler
    LoyaltyOutcome<EarnDecision> handle(EarnPointsCommand command, Clock clock, LoyaltyRulesSource rules) {
        requireActive();
        return outcome(EarningRules.earn(
                deciding(clock, rules),
                command.type(),
                command.orderId(),
                state.profile().birthday()));
    }

    @CommandHandler
    LoyaltyOutcome<SpendDecision> handle(SpendPointsCommand command, Clock clock, LoyaltyRulesSource rules) {
        requireActive();
        return outcome(SpendingRules.spendOnOrder(
                deciding(clock, rules), command.orderId(), command.orderAmount(), command.points()));
    }

    @CommandHandler
    LoyaltyOutcome<SpendDecision> handle(SpendOnPurchaseCommand command, Clock clock, LoyaltyRulesSource rules) {
        requireActive();
        return outcome(SpendingRules.spendOnPurchase(deciding(clock, rules), command.orderId(), command.points()));
    }

    /** Order services cancel a deduction for frozen members too, like refunds: the order did not happen. */
    @CommandHandler
    LoyaltyOutcome<CancelDeductionDecision> handle(
            CancelDeductionCommand command, Clock clock, LoyaltyRulesSource rules) {
        requireNotDeleted();
        return outcome(DeductionReturns.cancel(deciding(clock, rules), command.orderId()));
    }

    @CommandHandler
    LoyaltyOutcome<SpendDecision> handle(RedeemPointsCommand command, Clock clock, LoyaltyRulesSource rules) {
        requireActive();
        return outcome(SpendingRules.redeem(
                deciding(clock, rules), command.redemptionId(), command.productId(), command.points()));
    }

    /** Credits an activity's reward; sent by the command side when the member joins, in the same transaction. */
    @CommandHandler
    LoyaltyOutcome<EarnDecision> handle(RewardActivityCommand command, Clock clock, LoyaltyRulesSource rules) {
        requireActive();
        return outcome(EarningRules.rewardActivity(
                deciding(clock, rules), command.activityId().toString(), command.points()));
    }

    /** Uses one of the benefits the member's level gets. */
    @CommandHandler
    LoyaltyOutcome<BenefitUseDecision> handle(
            UseBenefitCommand command, BenefitCatalogue catalogue, Clock clock, LoyaltyRulesSource rules) {
        requireActive();
        return outcome(BenefitUseRules.use(deciding(clock, rules), benefits, catalogue, command));
    }

    /** Buys one use of a benefit for its points price. */
    @CommandHandler
    LoyaltyOutcome<BenefitUseDecision> handle(
            BuyBenefitCommand command, BenefitCatalogue catalogue, Clock clock, LoyaltyRulesSource rules) {
        requireActive();
        return outcome(BenefitUseRules.buy(deciding(clock, rules), benefits, catalogue, command));
    }

    /** What an activity needs to know to let the member join: refuses deleted and frozen members. */
    public int levelForJoining() {
        requireActive();
        return state.level();
    }

    /** Staff adjust points of frozen members too, for instance to correct a fraud. */
    @CommandHandler
    LoyaltyOutcome<AdjustmentDecision> handle(AdjustPointsCommand command, Clock clock, LoyaltyRulesSource rules) {
        requireNotDeleted();
        return outcome(PointsAdjustmentRules.adjust(
                deciding(clock, rules), command.adjustmentId(), command.delta(), trimToNull(command.reason())));
    }

    @CommandHandler
    LoyaltyOutcome<LevelDecision> handle(AdjustLevelCommand command, Clock clock, LoyaltyRulesSource rules) {
        requireNotDeleted();
        return outcome(LevelRules.adjust(
                deciding(clock, rules), command.level(), trimToNull(command.reason()), command.until()));
    }

    @CommandHandler
    LoyaltyOutcome<DueTransitionsDecision> handle(
            ProcessDueTransitionsCommand command, Clock clock, LoyaltyRulesSource rules) {
        DueTransitionsDecision decision =
                deleted() ? new DueTransitionsDecision(0, 0, false) : DueTransitions.catchUp(deciding(clock, rules));
        return outcome(Decided.fresh(decision));
    }

    // ---------------------------------------------------------------- event sourcing

    /** Every event of the member is folded into its state, but for benefit uses, which the member keeps apart. */
    @EventSourcingHandler
    void on(MemberEvent event, @Timestamp Instant timestamp) {
        memberId = event.memberId();
        if (event instanceof BenefitUsedEvent used) {
            benefits.on(used);
        } else {
            state.apply(event, timestamp);
        }
    }

    // ---------------------------------------------------------------- helpers

    private Deciding deciding(Clock clock, LoyaltyRulesSource rules) {
        return Deciding.forCommand(memberId, state, clock, rules);
    }

    /** Replaces the profile; unique values that change are claimed for this member and the old ones freed. */
    private MemberView changeProfile(MemberProfile requested, UniqueKeys uniqueKeys, Clock clock) {
        MemberProfile updated =
                ProfileChanges.change(memberId, state.profile(), requested, uniqueKeys, LocalDate.now(clock));
        if (updated != null) {
            AggregateLifecycle.apply(new MemberProfileUpdatedEvent(memberId, updated));
        }
        return view();
    }

    private boolean deleted() {
        return state.status() == MemberStatus.DELETED;
    }

    private void requireNotDeleted() {
        if (deleted()) {
            throw new DomainException(ErrorCode.MEMBER_DELETED, memberId.toString());
        }
    }

    /** Members act for themselves (earn, spend) only while neither deleted nor frozen. */
    private void requireActive() {
        requireNotDeleted();
        if (state.status() == MemberStatus.FROZEN) {
            throw new DomainException(ErrorCode.MEMBER_FROZEN, memberId.toString());
        }
    }

    private MemberView view() {
        return new MemberView(
                memberId,
                state.profile(),
                state.status(),
                state.level(),
                state.joinedAt(),
                state.updatedAt(),
                AggregateLifecycle.getVersion());
    }

    private <D> LoyaltyOutcome<D> outcome(Decided<D> decided) {
        return decided.outcome(state, AggregateLifecycle.getVersion());
    }
}
