package org.memberhub.command.config;

import java.time.Duration;
import javax.annotation.Nonnull;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;

/**
 * Gives every command's transaction its own, short PostgreSQL limits ({@code lock_timeout}, {@code
 * statement_timeout}, local to the transaction): a command that waits for a lock held by a stalled instance (say, on
 * the member's next event) gives up after the lock timeout instead of the session's much longer one, and its
 * transaction rolls back whole. Registered on the command bus after Axon's transaction interceptor, so that it runs
 * inside the command's transaction.
 */
class CommandTransactionLimits implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final String LIMITS_SET = CommandTransactionLimits.class.getName() + ".set";
    private static final String SET_LIMITS =
            "SELECT set_config('lock_timeout', ?, true), set_config('statement_timeout', ?, true)";

    private final JdbcTemplate jdbc;
    private final String lockTimeout;
    private final String statementTimeout;

    CommandTransactionLimits(JdbcTemplate jdbc, Duration lockTimeout, Duration statementTimeout) {
        this.jdbc = jdbc;
        this.lockTimeout = Long.toString(lockTimeout.toMillis());
        this.statementTimeout = Long.toString(statementTimeout.toMillis());
    }

    @Override
    public Object handle(@Nonnull UnitOfWork<? extends CommandMessage<?>> unitOfWork, @Nonnull InterceptorChain chain)
            throws Exception {
        if (unitOfWork.root().resources().putIfAbsent(LIMITS_SET, Boolean.TRUE) != null) {
            return chain.proceed(); // a command of a batch, in the batch's transaction: set with its first command
        }
        // executed and its result left unread: reading it into a row set cost more CPU than the round trip
        jdbc.execute(SET_LIMITS, (PreparedStatementCallback<Boolean>) statement -> {
            statement.setString(1, lockTimeout);
            statement.setString(2, statementTimeout);
            return statement.execute();
        });
        return chain.proceed();
    }
}
