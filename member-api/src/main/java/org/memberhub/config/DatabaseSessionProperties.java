package org.memberhub.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits every PostgreSQL session of the application sets, so that no statement, lock wait or forgotten transaction
 * can hold the others up for long. A transaction left open matters most: until it ends, no projector of any instance
 * can read past it (see the README's "No event is ever skipped").
 *
 * @param statementTimeout longest single statement ({@code statement_timeout}); a migration that
 *     needs longer sets {@code SET LOCAL statement_timeout} itself
 * @param lockTimeout longest wait for a row or table lock ({@code lock_timeout})
 * @param idleInTransactionTimeout longest a transaction may sit idle before PostgreSQL ends the session ({@code
 *     idle_in_transaction_session_timeout})
 * @param socketTimeout longest the driver waits for the server to answer before it gives the connection up; above the
 *     statement timeout, so that it only ever catches a server or network that went silent
 */
@ConfigurationProperties("memberhub.database")
public record DatabaseSessionProperties(
        @DefaultValue("30s") Duration statementTimeout,
        @DefaultValue("10s") Duration lockTimeout,
        @DefaultValue("60s") Duration idleInTransactionTimeout,
        @DefaultValue("60s") Duration socketTimeout) {

    /** The settings as libpq's {@code options}, sent when each connection starts. */
    String options() {
        return "-c statement_timeout=" + statementTimeout.toMillis()
                + " -c lock_timeout=" + lockTimeout.toMillis()
                + " -c idle_in_transaction_session_timeout=" + idleInTransactionTimeout.toMillis();
    }
}
