package org.memberhub.command.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.member.DeleteMemberCommand;
import org.memberhub.kernel.member.FreezeMemberCommand;
import org.memberhub.kernel.member.MemberDeletedEvent;
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

/**
 * A member of the loyalty programme. Every command answers with the member as the decision left it, so that callers
 * never have to read a (possibly lagging) read model to learn the outcome.
 *
 * <p>Registration is a handler with {@link AggregateCreationPolicy#ALWAYS} rather than a constructor, because a
 * constructor handler can only answer with the new identifier. Snapshots are serialized with Jackson from the fields.
 */
@Aggregate(snapshotTriggerDefinition = "memberSnapshotTrigger")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public class Member {

    static final int ENTRY_LEVEL = 1;

    @AggregateIdentifier
    private MemberId memberId;

    private MemberProfile profile;
    private MemberStatus status;
    private int level;
    private Instant joinedAt;
    private Instant updatedAt;

    protected Member() {
        // for Axon and for snapshot deserialization
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    MemberView handle(RegisterMemberCommand command, UniqueKeys uniqueKeys, Clock clock) {
        MemberProfile registered = ProfileRules.normalize(command.profile(), LocalDate.now(clock));
        for (UniqueKey key : UniqueKey.of(registered)) {
            uniqueKeys.claim(command.memberId(), key);
        }
        apply(new MemberRegisteredEvent(command.memberId(), registered, ENTRY_LEVEL));
        return view();
    }

    @CommandHandler
    MemberView handle(UpdateMemberProfileCommand command, UniqueKeys uniqueKeys, Clock clock) {
        requireNotDeleted();
        requireVersion(command.expectedVersion());
        MemberProfile updated = ProfileRules.normalize(command.profile(), LocalDate.now(clock));
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
        apply(new MemberProfileUpdatedEvent(memberId, updated));
        return view();
    }

    @CommandHandler
    MemberView handle(FreezeMemberCommand command) {
        requireNotDeleted();
        requireVersion(command.expectedVersion());
        if (status == MemberStatus.FROZEN) {
            throw new DomainException(ErrorCode.MEMBER_ALREADY_FROZEN, memberId.toString());
        }
        apply(new MemberFrozenEvent(memberId, trimToNull(command.reason())));
        return view();
    }

    @CommandHandler
    MemberView handle(UnfreezeMemberCommand command) {
        requireNotDeleted();
        requireVersion(command.expectedVersion());
        if (status != MemberStatus.FROZEN) {
            throw new DomainException(ErrorCode.MEMBER_NOT_FROZEN, memberId.toString());
        }
        apply(new MemberUnfrozenEvent(memberId, trimToNull(command.reason())));
        return view();
    }

    /** Deletion keeps the history for audit but frees the member's unique values for reuse. */
    @CommandHandler
    MemberView handle(DeleteMemberCommand command, UniqueKeys uniqueKeys) {
        requireNotDeleted();
        requireVersion(command.expectedVersion());
        for (UniqueKey key : UniqueKey.of(profile)) {
            uniqueKeys.release(memberId, key);
        }
        apply(new MemberDeletedEvent(memberId, trimToNull(command.reason())));
        return view();
    }

    @EventSourcingHandler
    void on(MemberRegisteredEvent event, @Timestamp Instant timestamp) {
        memberId = event.memberId();
        profile = event.profile();
        status = MemberStatus.ACTIVE;
        level = event.level();
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

    private void requireNotDeleted() {
        if (status == MemberStatus.DELETED) {
            throw new DomainException(ErrorCode.MEMBER_DELETED, memberId.toString());
        }
    }

    /** Guards against lost updates: a caller that names the version it saw must have seen the latest one. */
    private void requireVersion(Long expectedVersion) {
        long current = AggregateLifecycle.getVersion();
        if (expectedVersion != null && expectedVersion != current) {
            throw new DomainException(ErrorCode.VERSION_MISMATCH, expectedVersion, current);
        }
    }

    private MemberView view() {
        return new MemberView(memberId, profile, status, level, joinedAt, updatedAt, AggregateLifecycle.getVersion());
    }

    private static Set<UniqueKey> difference(Set<UniqueKey> from, Set<UniqueKey> minus) {
        Set<UniqueKey> result = new HashSet<>(from);
        result.removeAll(minus);
        return result;
    }

    private static String trimToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
