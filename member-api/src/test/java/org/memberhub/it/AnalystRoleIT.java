package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read-only database role for analysts, created by migration: a login role granted {@code memberhub_analyst} reads
 * every table and view of the {@code reporting} schema and nothing else, and changes nothing.
 */
@PostgresIT
class AnalystRoleIT {

    private static final String ANALYST = "memberhub_analyst";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Api api;

    @Autowired
    Environment environment;

    private String login;

    @BeforeEach
    void createAnalystLogin() {
        login = "analyst_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.execute("CREATE ROLE " + login + " LOGIN IN ROLE " + ANALYST);
    }

    @AfterEach
    void dropAnalystLogin() {
        jdbc.execute("DROP ROLE IF EXISTS " + login);
    }

    @Test
    void analystsReadTheStatsApiAndBadRequestsAreRefused() {
        Api analyst = api.as("analyst");
        Response listed = analyst.get("/api/v1/stats");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("name")).hasSize(9).contains("points-liability");
        Response liability = analyst.get("/api/v1/stats/points-liability");
        assertThat(liability.status()).isEqualTo(200);
        assertThat(liability.json().get("columns").size()).isEqualTo(4);
        Response csv = analyst.get("/api/v1/stats/points-per-day.csv?from=2026-01-01&to=2026-01-31");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"points-per-day_2026-01-01_2026-01-31.csv\"");
        assertThat(csv.body()).startsWith("day,kind,reason,points,entries\r\n");

        Response unknown = analyst.get("/api/v1/stats/nothing", "Accept-Language", "zh-CN");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("REPORT_NOT_FOUND");
        assertThat(unknown.header("Content-Language")).isEqualTo("zh-CN");
        Response backwards = analyst.get("/api/v1/stats/points-per-day?from=2026-02-01&to=2026-01-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("code").asText()).isEqualTo("INVALID_REPORT_RANGE");
        assertThat(analyst.get("/api/v1/stats/points-per-day?from=2000-01-01&to=2026-01-01")
                        .status())
                .isEqualTo(400);
        assertThat(analyst.get("/api/v1/stats/points-per-day?from=yesterday").status())
                .isEqualTo(400);
        assertThat(analyst.get("/api/v1/members").status()).isEqualTo(403);
    }

    @Test
    void theRoleMayReadTheReportingSchemaOnly() {
        List<String> readable = jdbc.queryForList(
                """
                SELECT table_schema || '.' || table_name FROM information_schema.tables
                WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
                  AND has_table_privilege(?, quote_ident(table_schema) || '.' || quote_ident(table_name), 'SELECT')
                ORDER BY 1""",
                String.class,
                ANALYST);
        List<String> reporting = jdbc.queryForList(
                "SELECT table_schema || '.' || table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'reporting' ORDER BY 1",
                String.class);
        assertThat(reporting)
                .contains(
                        "reporting.members",
                        "reporting.points_daily",
                        "reporting.points_lots",
                        "reporting.benefit_usage_daily",
                        "reporting.activity_participation",
                        "reporting.level_movements_daily",
                        "reporting.members_by_level_and_status",
                        "reporting.tenure_distribution",
                        "reporting.points_liability",
                        "reporting.points_expiring");
        assertThat(readable).isEqualTo(reporting);
        List<String> privileges = jdbc.queryForList(
                "SELECT DISTINCT privilege_type FROM information_schema.role_table_grants WHERE grantee = ?",
                String.class,
                ANALYST);
        assertThat(privileges).containsExactly("SELECT");
    }

    @Test
    void anAnalystLoginReadsReportsButNeitherOtherTablesNorWrites() throws SQLException {
        try (Connection analyst =
                        DriverManager.getConnection(environment.getProperty("spring.datasource.url"), login, "");
                Statement sql = analyst.createStatement()) {
            for (String view : List.of(
                    "reporting.members",
                    "reporting.points_daily",
                    "reporting.points_lots",
                    "reporting.points_debts",
                    "reporting.benefits",
                    "reporting.benefit_usage_daily",
                    "reporting.activity_participation",
                    "reporting.level_movements_daily",
                    "reporting.members_by_level_and_status",
                    "reporting.new_members_per_day",
                    "reporting.tenure_distribution",
                    "reporting.points_liability",
                    "reporting.points_expiring")) {
                sql.executeQuery("SELECT * FROM " + view).close();
            }
            for (String forbidden : List.of(
                    "SELECT * FROM members",
                    "SELECT * FROM public.points_ledger",
                    "SELECT * FROM domain_event_entry",
                    "SELECT * FROM token_entry",
                    "SELECT * FROM personal_data_key",
                    "SELECT * FROM audit_log",
                    "SELECT * FROM flyway_schema_history",
                    "INSERT INTO reporting.points_debts (member_id, debt) VALUES (gen_random_uuid(), 1)",
                    "UPDATE reporting.members SET status = 'X'",
                    "DELETE FROM reporting.points_daily",
                    "CREATE TABLE reporting.mine (x int)",
                    "CREATE TABLE public.mine (x int)")) {
                assertThatThrownBy(() -> sql.execute(forbidden))
                        .as(forbidden)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                                .isEqualTo("42501"));
            }
        }
    }
}
