package org.memberhub.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class ConsoleSettingsControllerTest {

    private final StaticListableBeanFactory noBeans = new StaticListableBeanFactory();

    @Test
    void anIssuerMeansSignInWithOpenIdConnectAsTheConsolesPublicClient() {
        ConsoleSettingsController controller = new ConsoleSettingsController(
                "http://localhost:8180/realms/memberhub/",
                "memberhub-backoffice",
                "openid",
                noBeans.getBeanProvider(DevTokenIssuer.class));

        var response = controller.settings();

        assertThat(response.getBody())
                .isEqualTo(new ConsoleSettingsController.ConsoleSettings(
                        "oidc", "http://localhost:8180/realms/memberhub", "memberhub-backoffice", "openid", null));
        assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-cache");
    }

    @Test
    void noIssuerMeansTheDevelopmentIssuersForm() {
        ConsoleSettingsController controller = new ConsoleSettingsController(
                "", "memberhub-backoffice", "openid", noBeans.getBeanProvider(DevTokenIssuer.class));

        assertThat(controller.settings().getBody().mode()).isEqualTo("dev");
        assertThat(controller.settings().getBody().clientId()).isNull();
        assertThat(controller.settings().getBody().devTokenEndpoint()).isEqualTo("/dev/token");
    }
}
