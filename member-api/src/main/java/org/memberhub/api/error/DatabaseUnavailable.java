package org.memberhub.api.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Recognizes, wherever they sit in a failure's chain of causes, the database failures that say nothing about the
 * request, which may simply be sent again later:
 * <ul>
 *   <li>a transaction that gave up waiting: PostgreSQL's {@code lock_not_available} (55P03, the lock timeout) and
 *       {@code query_canceled} (57014, the statement timeout); it rolled back whole, so nothing changed;
 *   <li>a database that cannot be reached: no connection within the pool's timeout, a connection refused or lost
 *       (SQLSTATE class 08, the driver's socket timeout among them), or the server shutting down or terminating the
 *       session (57P01 to 57P03). A command cut off this way may or may not have committed; sent again, the
 *       idempotency of its ids (orders, refunds, unique profile values) keeps it from applying twice.
 * </ul>
 */
public final class DatabaseUnavailable {

    private static final Set<String> TIMED_OUT = Set.of("55P03", "57014");
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    private DatabaseUnavailable() {}

    /** Either of the two below. */
    public static boolean any(Throwable failure) {
        return timedOut(failure) || unreachable(failure);
    }

    public static boolean timedOut(Throwable failure) {
        return anyCause(
                failure,
                cause -> cause instanceof SQLException sql
                        && sql.getSQLState() != null
                        && TIMED_OUT.contains(sql.getSQLState()));
    }

    public static boolean unreachable(Throwable failure) {
        return anyCause(
                failure,
                cause -> cause instanceof SQLTransientConnectionException
                        || cause instanceof SQLException sql
                                && sql.getSQLState() != null
                                && (sql.getSQLState().startsWith("08")
                                        || SERVER_GOING_AWAY.contains(sql.getSQLState())));
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }
}
