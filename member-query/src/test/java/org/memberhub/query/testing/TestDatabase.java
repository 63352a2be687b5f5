package org.memberhub.query.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database for one test class or Spring context, dropped again on {@link #close()}. The server and
 * credentials come from {@code TEST_DB_URL}, {@code TEST_DB_USER} and {@code TEST_DB_PASSWORD} (defaults:
 * {@value #DEFAULT_URL}, postgres/postgres); databases are named after the URL's database plus a random suffix, so
 * test runs never see each other's data.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/memberhub_test";

    private final String adminUrl;
    private final String url;
    private final String name;
    private final String user;
    private final String password;

    private TestDatabase(String adminUrl, String url, String name, String user, String password) {
        this.adminUrl = adminUrl;
        this.url = url;
        this.name = name;
        this.user = user;
        this.password = password;
    }

    public static TestDatabase create() {
        String baseUrl = env("TEST_DB_URL", DEFAULT_URL);
        String user = env("TEST_DB_USER", "postgres");
        String password = env("TEST_DB_PASSWORD", "postgres");
        URI uri = URI.create(baseUrl.substring("jdbc:".length()));
        String baseName = uri.getPath().substring(1);
        String name = (baseName + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        String server = "jdbc:postgresql://" + uri.getAuthority() + "/";
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String adminUrl = server + "postgres" + query;
        execute(adminUrl, user, password, "CREATE DATABASE " + name);
        return new TestDatabase(adminUrl, server + name + query, name, user, password);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** Applies the Flyway migrations found at the given classpath locations. */
    public TestDatabase migrate(String... locations) {
        Flyway.configure().dataSource(dataSource()).locations(locations).load().migrate();
        return this;
    }

    @Override
    public void close() {
        execute(adminUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL test database: " + sql + " failed on " + url
                            + " (set TEST_DB_URL, TEST_DB_USER, TEST_DB_PASSWORD)",
                    e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
