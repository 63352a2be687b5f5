package org.memberhub.query.consistency;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.query.config.QueryProperties;
import org.springframework.stereotype.Component;

/**
 * Holds a query back until a read model has applied the decision a {@link ConsistencyToken} names, so that a client
 * reads its own writes. The wait is bounded; a read model that stays behind is reported, never silently served stale.
 *
 * <p>Tokens are not secret and need not be: one names a member and a version, and is only honoured for a query about
 * that member (which the caller may read anyway) and for a version the member has reached in the event store. So a
 * token can neither probe other members nor hold a request thread for a decision that was never made.
 */
@Component
public class ReadYourWrites {

    private static final long MAX_PAUSE_MILLIS = 50;

    private final Duration timeout;
    private final EventStorageEngine events;

    public ReadYourWrites(QueryProperties properties, EventStorageEngine events) {
        this.timeout = properties.consistencyTimeout();
        this.events = events;
    }

    /**
     * Returns once the read model's version of the queried member has reached the token's version.
     *
     * @param queried the member the query is about, or null for a query about many members (the member list)
     * @param versionOf the version a read model holds for a member, empty while it has not seen the member
     * @throws DomainException {@link ErrorCode#CONSISTENCY_TOKEN_OTHER_MEMBER} when the token names another member
     *     than the queried one; {@link ErrorCode#CONSISTENCY_TOKEN_AHEAD} when it names a version the member has not
     *     reached; {@link ErrorCode#READ_MODEL_LAGGING} when the timeout passes first
     */
    public void await(MemberId queried, ConsistencyToken token, Function<MemberId, Optional<Long>> versionOf) {
        if (token == null) {
            return;
        }
        if (queried != null && !queried.equals(token.memberId())) {
            throw new DomainException(ErrorCode.CONSISTENCY_TOKEN_OTHER_MEMBER);
        }
        if (reached(versionOf, token)) {
            return;
        }
        long written = events.lastSequenceNumberFor(token.memberId().toString()).orElse(-1L);
        if (token.version() > written) {
            throw new DomainException(ErrorCode.CONSISTENCY_TOKEN_AHEAD);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (!reached(versionOf, token)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new DomainException(ErrorCode.READ_MODEL_LAGGING, timeout.toMillis());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DomainException(ErrorCode.READ_MODEL_LAGGING, timeout.toMillis());
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    private static boolean reached(Function<MemberId, Optional<Long>> versionOf, ConsistencyToken token) {
        return versionOf.apply(token.memberId()).orElse(-1L) >= token.version();
    }
}
