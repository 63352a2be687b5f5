package org.memberhub.command.support;

import org.axonframework.modelling.command.AggregateLifecycle;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;

/** Checks every aggregate makes of the commands it handles; to be called from within a command handler. */
public final class CommandChecks {

    private CommandChecks() {}

    /** Guards against lost updates: a caller that names the version it saw must have seen the latest one. */
    public static void requireVersion(Long expectedVersion) {
        long current = AggregateLifecycle.getVersion();
        if (expectedVersion != null && expectedVersion != current) {
            throw new DomainException(ErrorCode.VERSION_MISMATCH, expectedVersion, current);
        }
    }

    /** A free text (a reason) as stored: trimmed, and {@code null} when blank. */
    public static String trimToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
