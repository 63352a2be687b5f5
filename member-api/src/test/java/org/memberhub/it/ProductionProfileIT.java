package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.memberhub.MemberHubApplication;
import org.memberhub.it.Api.Response;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The prod profile never issues tokens itself and does not start without an issuer to trust. */
class ProductionProfileIT {

    private static final String ISSUER =
            "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9/realms/memberhub";
    private static final String MASTER_KEY =
            "--memberhub.privacy.master-key=" + Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void refusesToStartWithoutAnIssuer() throws Exception {
        Path data = Files.createTempDirectory("memberhub-prod-");

        assertThatThrownBy(() -> start(data, MASTER_KEY).close())
                .hasStackTraceContaining("No token issuer")
                .hasStackTraceContaining("issuer-uri");
    }

    @Test
    void refusesAJwkSetWithoutAnIssuerToCheckTokensAgainst() throws Exception {
        Path data = Files.createTempDirectory("memberhub-prod-");

        assertThatThrownBy(() -> start(
                                data,
                                MASTER_KEY,
                                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/certs")
                        .close())
                .hasStackTraceContaining("jwk-set-uri is set without issuer-uri");
    }

    @Test
    void refusesTheExternalStubProfile() throws Exception {
        Path data = Files.createTempDirectory("memberhub-prod-");

        assertThatThrownBy(() -> start(data, ISSUER, MASTER_KEY, "--spring.profiles.include=external-stub")
                        .close())
                .hasStackTraceContaining("cannot run together with the prod profile");
    }

    @Test
    void refusesToStartWithoutAMasterKeyForPersonalData() throws Exception {
        Path data = Files.createTempDirectory("memberhub-prod-");

        assertThatThrownBy(() -> start(data, ISSUER).close())
                .hasStackTraceContaining("memberhub.privacy.master-key is not set");
        assertThat(Files.exists(data.resolve("personal-data-master-key"))).isFalse();
    }

    @Test
    void startsWithAnIssuerAndOffersNoDevelopmentTokens() throws Exception {
        Path data = Files.createTempDirectory("memberhub-prod-");

        try (ConfigurableApplicationContext application = start(data, ISSUER, MASTER_KEY)) {
            Api api = new Api(Integer.parseInt(application.getEnvironment().getProperty("local.server.port")), null);

            Response token = api.post(
                    "/dev/token",
                    "grant_type=password&username=admin&password=admin",
                    "Content-Type",
                    "application/x-www-form-urlencoded");
            assertThat(token.status()).isEqualTo(404);
            assertThat(api.get("/api/v1/members").status()).isEqualTo(401);
            assertThat(Files.exists(data.resolve("dev-issuer-key.json"))).isFalse();
        }
    }

    private static ConfigurableApplicationContext start(Path data, String... more) {
        String[] arguments = new String[more.length + 2];
        arguments[0] = "--server.port=0";
        arguments[1] = "--memberhub.data-dir=" + data;
        System.arraycopy(more, 0, arguments, 2, more.length);
        return new SpringApplicationBuilder(MemberHubApplication.class)
                .profiles("prod")
                .run(arguments);
    }
}
