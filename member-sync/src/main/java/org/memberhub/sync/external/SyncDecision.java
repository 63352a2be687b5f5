package org.memberhub.sync.external;

import java.time.Instant;
import java.util.Objects;

/**
 * Latest-wins between one version of an external record and the member it belongs to, decided on two times kept per
 * member by the sync: the external update time it last applied, and the member's last profile edit here by anyone but
 * the sync (registration, profile change or deletion by staff or the member; never a purchase, points, level or
 * freeze event, and never the sync's own writes).
 *
 * <table>
 *   <caption>The rule</caption>
 *   <tr><th>external update time E against</th><th>decision</th></tr>
 *   <tr><td>E before the last applied version</td><td>{@link #SKIP_OUTDATED}</td></tr>
 *   <tr><td>E equal to the last applied version</td><td>{@link #SKIP_ALREADY_APPLIED}</td></tr>
 *   <tr><td>else: no local edit</td><td>{@link #APPLY}</td></tr>
 *   <tr><td>else: local edit before the last applied version</td><td>{@link #APPLY}</td></tr>
 *   <tr><td>else: local edit after the last applied version (or none applied), not after E</td>
 *       <td>{@link #APPLY_OVER_LOCAL_EDIT}</td></tr>
 *   <tr><td>else: local edit after E</td><td>{@link #KEEP_LOCAL}</td></tr>
 * </table>
 *
 * <p>A tie (local edit at exactly E) goes to the external system: it is the system of record for the fields it sends,
 * and neither change can be shown to be the later one, so MemberHub converges on the owner's copy instead of keeping a
 * difference that only a further edit would resolve.
 */
enum SyncDecision {
    /** Apply the external version; nobody edited the member here since the last one applied. */
    APPLY,
    /** Apply the external version over a local edit made since the last one applied: a conflict won externally. */
    APPLY_OVER_LOCAL_EDIT,
    /** Leave the member as it is: it was edited here after the external version. */
    KEEP_LOCAL,
    /** This external version was applied already (a record read again, e.g. in the watermark's overlap). */
    SKIP_ALREADY_APPLIED,
    /** A later external version was applied already. */
    SKIP_OUTDATED;

    /**
     * @param external the record's update time in the external system
     * @param lastApplied the external update time last applied to the member; null if none
     * @param lastLocalEdit the member's last profile edit here by anyone but the sync; null if none
     */
    static SyncDecision of(Instant external, Instant lastApplied, Instant lastLocalEdit) {
        Objects.requireNonNull(external, "external");
        if (lastApplied != null && !external.isAfter(lastApplied)) {
            return external.equals(lastApplied) ? SKIP_ALREADY_APPLIED : SKIP_OUTDATED;
        }
        if (lastLocalEdit == null) {
            return APPLY;
        }
        if (lastLocalEdit.isAfter(external)) {
            return KEEP_LOCAL;
        }
        boolean editedSinceLastApplied = lastApplied == null || lastLocalEdit.isAfter(lastApplied);
        return editedSinceLastApplied ? APPLY_OVER_LOCAL_EDIT : APPLY;
    }

    boolean applies() {
        return this == APPLY || this == APPLY_OVER_LOCAL_EDIT;
    }

    boolean skips() {
        return this == SKIP_ALREADY_APPLIED || this == SKIP_OUTDATED;
    }
}
