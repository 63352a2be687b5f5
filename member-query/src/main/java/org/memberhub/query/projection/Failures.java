package org.memberhub.query.projection;

import java.sql.SQLException;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.memberhub.kernel.error.LogSafe;
import org.springframework.core.NestedExceptionUtils;

/**
 * Describes a projector failure without the data that caused it. Database drivers put the offending row's values in
 * their messages (PostgreSQL's "Failing row contains ..." detail); those can be a member's personal data, which must
 * not reach logs or the dead-letter queue, where erasure could not reach it. So a failure is told by the type and
 * the first line of its most specific cause, plus the SQL state where there is one.
 */
final class Failures {

    private static final int MAX_LENGTH = 500;

    private Failures() {}

    /** The cause the dead-letter queue records for a failure: the most specific cause's type and its summary. */
    static ThrowableCause asDeadLetterCause(Throwable failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        return new ThrowableCause(cause.getClass().getName(), summary(failure));
    }

    static String summary(Throwable failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        String message = cause.getMessage() == null ? "" : cause.getMessage().strip();
        int lineEnd = message.indexOf('\n');
        if (lineEnd >= 0) {
            message = message.substring(0, lineEnd).strip();
        }
        StringBuilder summary = new StringBuilder(cause.getClass().getName());
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            summary.append(" [SQL state ").append(sql.getSQLState()).append(']');
        }
        if (!message.isEmpty()) {
            // the first line only: PostgreSQL puts the offending values (personal data, maybe) into its Detail line
            summary.append(": ").append(LogSafe.text(message));
        }
        return summary.length() <= MAX_LENGTH ? summary.toString() : summary.substring(0, MAX_LENGTH);
    }
}
