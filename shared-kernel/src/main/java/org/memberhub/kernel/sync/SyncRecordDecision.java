package org.memberhub.kernel.sync;

import java.time.Instant;
import org.memberhub.kernel.member.MemberId;

/**
 * What a sync run decided for one external record: its outcome and a short reason code (the latest-wins decision,
 * {@code NOTHING_TO_DO}, {@code PROFILE_EQUAL}, {@code QUARANTINED_VERSION} or the error code of a failure). No
 * personal data: identifiers, codes and a time only.
 *
 * @param memberId the member it concerned; null when none (a deleted record nobody holds, a record that failed before
 *     one was found)
 */
public record SyncRecordDecision(
        long seq, String externalId, MemberId memberId, SyncOutcome outcome, String reason, Instant decidedAt) {}
