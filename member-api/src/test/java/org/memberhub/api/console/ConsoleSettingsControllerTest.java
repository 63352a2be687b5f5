package org.memberhub.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.config.MemberHubProperties;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class ConsoleSettingsControllerTest {

    private final StaticListableBeanFactory noBeans = new StaticListableBeanFactory();
    private final MemberHubProperties shanghai = new MemberHubProperties(ZoneId.of("Asia/Shanghai"));

    @Test
    void anIssuerMeansSignInWithOpenIdConnectAsTheConsolesPublicClient() {
        ConsoleSettingsController controller = new ConsoleSettingsController(
                "http://localhost:8180/realms/memberhub/",
                "memberhub-backoffice",
                "openid",
                noBeans.getBeanProvider(DevTokenIssuer.class),
                shanghai);

        var response = controller.settings();

        assertThat(response.getBody())
                .isEqualTo(new ConsoleSettingsController.ConsoleSettings(
                        "oidc",
                        "http://localhost:8180/realms/memberhub",
                        "memberhub-backoffice",
                        "openid",
                        null,
                        "Asia/Shanghai"));
        assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-cache");
    }

    @Test
    void noIssuerMeansTheDevelopmentIssuersForm() {
        ConsoleSettingsController controller = new ConsoleSettingsController(
                "", "memberhub-backoffice", "openid", noBeans.getBeanProvider(DevTokenIssuer.class), shanghai);

        assertThat(controller.settings().getBody().mode()).isEqualTo("dev");
        assertThat(controller.settings().getBody().clientId()).isNull();
        assertThat(controller.settings().getBody().devTokenEndpoint()).isEqualTo("/dev/token");
        assertThat(controller.settings().getBody().timeZone()).isEqualTo("Asia/Shanghai");
    }
}
