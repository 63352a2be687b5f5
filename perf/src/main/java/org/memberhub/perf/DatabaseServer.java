package org.memberhub.perf;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server on which the suite creates and drops its scratch databases.
 *
 * @param host host name or address
 * @param port TCP port
 * @param user a user allowed to create databases
 * @param password its password
 */
record DatabaseServer(String host, int port, String user, String password) {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/";

    /** From a JDBC URL (its database part is ignored) and credentials in the given environment variables. */
    static DatabaseServer fromEnvironment(String urlVariable, String userVariable, String passwordVariable) {
        return of(env(urlVariable, DEFAULT_URL), env(userVariable, "postgres"), env(passwordVariable, "postgres"));
    }

    static DatabaseServer of(String jdbcUrl, String user, String password) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return new DatabaseServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password);
    }

    String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    void create(String database) throws SQLException {
        execute("CREATE DATABASE " + identifier(database));
    }

    void dropIfExists(String database) throws SQLException {
        execute("DROP DATABASE IF EXISTS " + identifier(database) + " WITH (FORCE)");
    }

    String version() throws SQLException {
        return show("server_version");
    }

    /** Whether the server's autovacuum daemon is on (it also keeps the planner's statistics current). */
    boolean autovacuum() throws SQLException {
        return show("autovacuum").equals("on");
    }

    /** A setting of the server, as {@code SHOW} gives it. */
    private String show(String setting) throws SQLException {
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }

    /**
     * What autovacuum does after a bulk load, done now so that every scenario meets current statistics whatever the
     * server's settings: {@code ANALYZE}, with {@code VACUUM} first when {@code vacuum} (it also marks the pages
     * all-visible, which index-only scans need).
     */
    void maintain(String database, boolean vacuum) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute(vacuum ? "VACUUM (ANALYZE)" : "ANALYZE");
        }
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user, password);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        return name;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
