package org.memberhub.kernel.audit;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of comparing the read models with the event store. A read model that has not yet applied a member's
 * latest events is {@code behind} (projections are eventually consistent); one whose figures differ from what the
 * events it has applied give is {@code drift}, which should never happen. Only the first drifts are listed.
 */
public record ConsistencyReport(
        Instant checkedAt, long eventsRead, int membersChecked, int membersBehind, int driftCount, List<Drift> drifts) {

    public boolean clean() {
        return driftCount == 0;
    }

    /** One figure of one read model that differs from the event store. */
    public record Drift(String memberId, String readModel, String field, String expected, String actual) {}
}
