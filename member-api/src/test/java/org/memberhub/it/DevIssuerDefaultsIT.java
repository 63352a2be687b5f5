package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.memberhub.MemberHubApplication;
import org.memberhub.it.Api.Response;
import org.memberhub.query.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The development issuer is the embedded default's convenience, not a fallback: on PostgreSQL without an issuer the
 * application refuses to start rather than hand out admin tokens, unless the issuer is switched on explicitly.
 */
class DevIssuerDefaultsIT {

    @Test
    void onPostgresWithoutAnIssuerTheApplicationRefusesToStart() throws Exception {
        Path data = Files.createTempDirectory("memberhub-dev-");
        try (TestDatabase database = TestDatabase.create()) {
            assertThatThrownBy(() -> start(database, data).close())
                    .hasStackTraceContaining("No token issuer")
                    .hasStackTraceContaining("memberhub.security.dev-issuer.enabled=true");
            assertThat(Files.exists(data.resolve("dev-issuer-key.json"))).isFalse();
        }
    }

    @Test
    void onPostgresSwitchedOnExplicitlyItIssuesTokensToThisMachine() throws Exception {
        Path data = Files.createTempDirectory("memberhub-dev-");
        try (TestDatabase database = TestDatabase.create();
                ConfigurableApplicationContext application =
                        start(database, data, "--memberhub.security.dev-issuer.enabled=true")) {
            Api api = new Api(Integer.parseInt(application.getEnvironment().getProperty("local.server.port")), null);
            Response token = api.post(
                    "/dev/token",
                    "grant_type=password&username=staff&password=staff",
                    "Content-Type",
                    "application/x-www-form-urlencoded");
            assertThat(token.status()).as(token.toString()).isEqualTo(200);
            assertThat(token.json().get("access_token").asText()).isNotBlank();
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase database, Path data, String... more) {
        String[] arguments = new String[5 + more.length];
        arguments[0] = "--server.port=0";
        arguments[1] = "--memberhub.data-dir=" + data;
        arguments[2] = "--spring.datasource.url=" + database.url();
        arguments[3] = "--spring.datasource.username=" + database.user();
        arguments[4] = "--spring.datasource.password=" + database.password();
        System.arraycopy(more, 0, arguments, 5, more.length);
        return new SpringApplicationBuilder(MemberHubApplication.class)
                .profiles("postgres")
                .run(arguments);
    }
}
