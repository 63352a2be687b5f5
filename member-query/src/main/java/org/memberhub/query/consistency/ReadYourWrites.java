package org.memberhub.query.consistency;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.query.config.QueryProperties;
import org.springframework.stereotype.Component;

/**
 * Holds a query back until a read model has applied the decision a {@link ConsistencyToken} names, so that a client
 * reads its own writes. The wait is bounded; a read model that stays behind is reported, never silently served stale.
 */
@Component
public class ReadYourWrites {

    private static final long MAX_PAUSE_MILLIS = 50;

    private final Duration timeout;

    public ReadYourWrites(QueryProperties properties) {
        this.timeout = properties.consistencyTimeout();
    }

    /**
     * Returns once the read model's version of the token's member has reached the token's version.
     *
     * @param versionOf the version a read model holds for a member, empty while it has not seen the member
     * @throws DomainException {@link ErrorCode#READ_MODEL_LAGGING} when the timeout passes first
     */
    public void await(ConsistencyToken token, Function<MemberId, Optional<Long>> versionOf) {
        if (token == null) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (versionOf.apply(token.memberId()).orElse(-1L) < token.version()) {
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
}
