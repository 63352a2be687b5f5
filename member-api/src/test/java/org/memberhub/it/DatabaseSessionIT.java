package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every PostgreSQL session of the application runs with time limits, and keeps row values out of errors. */
@PostgresIT
class DatabaseSessionIT {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void sessionsHaveTimeLimits() {
        assertThat(jdbc.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("30s");
        assertThat(jdbc.queryForObject("SHOW lock_timeout", String.class)).isEqualTo("10s");
        assertThat(jdbc.queryForObject("SHOW idle_in_transaction_session_timeout", String.class))
                .isEqualTo("1min");
    }
}
