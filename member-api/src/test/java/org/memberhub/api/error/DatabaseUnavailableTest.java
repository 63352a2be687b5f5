package org.memberhub.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseUnavailableTest {

    /** What a request gets when every pooled connection stays busy past the pool's timeout (seen under load). */
    @Test
    void aPoolThatHandsOutNoConnectionInTimeIsUnreachableNotAFailureOfItsOwn() {
        Throwable failure = new CompletionException(new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out")));

        assertThat(DatabaseUnavailable.timedOut(failure)).isFalse();
        assertThat(DatabaseUnavailable.unreachable(failure)).isTrue();
        assertThat(DatabaseUnavailable.any(failure)).isTrue();
    }

    @Test
    void tellsTimeoutsAndLostServersByTheirSqlState() {
        assertThat(DatabaseUnavailable.timedOut(new SQLException("canceling statement", "57014")))
                .isTrue();
        assertThat(DatabaseUnavailable.timedOut(new SQLException("lock timeout", "55P03")))
                .isTrue();
        assertThat(DatabaseUnavailable.unreachable(new SQLException("connection lost", "08006")))
                .isTrue();
        assertThat(DatabaseUnavailable.unreachable(new SQLException("admin shutdown", "57P01")))
                .isTrue();
    }

    @Test
    void anErrorWithoutSqlStateOrAboutTheRequestIsNeither() {
        SQLException noState = new SQLException("something else");
        SQLException uniqueViolation = new SQLException("duplicate key", "23505");

        assertThat(DatabaseUnavailable.any(noState)).isFalse();
        assertThat(DatabaseUnavailable.any(new IllegalStateException(uniqueViolation)))
                .isFalse();
    }
}
