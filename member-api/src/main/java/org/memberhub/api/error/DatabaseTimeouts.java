package org.memberhub.api.error;

import java.sql.SQLException;
import java.util.Set;

/**
 * Recognizes a transaction that gave up waiting: PostgreSQL's {@code lock_not_available} (55P03, the lock timeout) and
 * {@code query_canceled} (57014, the statement timeout), wherever they sit in the chain of causes. Such a transaction
 * rolled back whole, so the request changed nothing and may simply be sent again.
 */
public final class DatabaseTimeouts {

    private static final Set<String> TIMED_OUT = Set.of("55P03", "57014");

    private DatabaseTimeouts() {}

    public static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && TIMED_OUT.contains(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
