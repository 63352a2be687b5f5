package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.memberhub.MemberHubApplication;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.it.Api.Response;
import org.memberhub.query.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An actuator endpoint exposed by configuration but named by no rule of the access policy is refused to every caller,
 * administrators included: exposing {@code env} or {@code beans} by mistake does not publish the configuration.
 */
class ActuatorExposureIT {

    @Test
    void anExposedEndpointWithoutARuleIsRefusedToEverybody() throws Exception {
        Path data = Files.createTempDirectory("memberhub-actuator-");
        try (TestDatabase database = TestDatabase.create();
                ConfigurableApplicationContext application = new SpringApplicationBuilder(MemberHubApplication.class)
                        .profiles("postgres")
                        .run(
                                "--server.port=0",
                                "--memberhub.data-dir=" + data,
                                "--spring.datasource.url=" + database.url(),
                                "--spring.datasource.username=" + database.user(),
                                "--spring.datasource.password=" + database.password(),
                                "--memberhub.security.dev-issuer.enabled=true",
                                "--management.endpoints.web.exposure.include=health,info,metrics,env,beans")) {
            Api api = new Api(
                    Integer.parseInt(application.getEnvironment().getProperty("local.server.port")),
                    ApiClientConfig.tokens(application.getBean(DevTokenIssuer.class)));

            for (String path : new String[] {"/env", "/beans"}) {
                for (String user : new String[] {"admin", "monitoring", "staff"}) {
                    Response response = api.as(user).get(path);
                    assertThat(response.status())
                            .as(user + " " + path + " " + response)
                            .isEqualTo(403);
                    assertThat(response.json().get("code").asText()).isEqualTo("FORBIDDEN");
                }
                assertThat(api.anonymous().get(path).status()).isEqualTo(401);
            }
            assertThat(api.as("monitoring").get("/metrics").status())
                    .as("a ruled endpoint stays reachable")
                    .isEqualTo(200);
        }
    }
}
