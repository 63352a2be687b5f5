package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.ConsoleBrowser.testId;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.memberhub.query.testing.FreshPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's sign-in with OpenID Connect in a real headless Chromium, against the application trusting a stand-in
 * provider ({@link OidcStandIn}) as it trusts Keycloak in the prod profile: the console learns the mode from the
 * application, sends the browser to the provider with a PKCE challenge, redeems the code with the verifier, calls
 * the API with the provider's token, refreshes it before it expires, refuses a forged callback, and signs out at the
 * provider's end-session endpoint.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"memberhub.data-dir=target/it-data-oidc", "memberhub.security.dev-issuer.enabled=false"})
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = FreshPostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleOidcIT {

    /** 75 s: the console refreshes after two thirds of what is left above a minute, so some 15 s in. */
    private static final OidcStandIn PROVIDER =
            new OidcStandIn("oidc-auditor", List.of("auditor"), Duration.ofSeconds(75));

    @DynamicPropertySource
    static void trustTheProvider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", PROVIDER::issuer);
    }

    @LocalServerPort
    int port;

    private ConsoleBrowser ui;

    @BeforeAll
    void startBrowser() {
        ui = ConsoleBrowser.start(port);
    }

    @AfterAll
    void stop() {
        if (ui != null) {
            ui.close();
        }
        PROVIDER.close();
    }

    @Test
    void aUserSignsInWithPkceIsRefreshedAndSignsOutAtTheProvider() {
        ui.open("/console/");
        ui.wait.until(ExpectedConditions.urlContains("/console/login"));
        script("localStorage.setItem('memberhub.locale', 'en')");
        ui.driver.navigate().refresh();
        ui.waitForTestId("login-oidc");
        assertThat(ui.all("login-submit")).as("no password form in OIDC mode").isEmpty();
        ui.shoot("login-oidc");

        // to the provider and back: the code is redeemed only with the verifier of the challenge sent
        ui.click("login-oidc");
        try {
            ui.wait.until(ExpectedConditions.textToBe(testId("user"), "oidc-auditor"));
        } catch (RuntimeException e) {
            ui.shoot("login-oidc-failed");
            throw new AssertionError(
                    "not signed in at " + ui.driver.getCurrentUrl() + "; page: "
                            + ui.driver.findElement(By.tagName("body")).getText() + "; grants " + PROVIDER.grants
                            + ", refused " + PROVIDER.refused + "; browser log: "
                            + ui.driver.manage().logs().get("browser").getAll(),
                    e);
        }
        assertThat(PROVIDER.refused).isEmpty();
        assertThat(PROVIDER.grants).containsExactly("authorization_code");
        assertThat(ui.driver.getCurrentUrl()).doesNotContain("code=");

        // the API accepts the provider's token: the audit log loads
        ui.click("nav-audit");
        ui.waitForTestId("audit-total");
        assertThat(ui.all("audit-error")).isEmpty();
        String first = String.valueOf(script("return sessionStorage.getItem('memberhub.token')"));

        // refreshed before it expires, with the refresh token; the console goes on with the new access token
        await().atMost(Duration.ofSeconds(120)).until(() -> PROVIDER.grants.contains("refresh_token"));
        ui.wait.until(
                driver -> !first.equals(String.valueOf(script("return sessionStorage.getItem('memberhub.token')"))));
        ui.click("nav-members");
        ui.waitForTestId("list-total");
        assertThat(ui.all("list-error")).isEmpty();
        assertThat(PROVIDER.refused).isEmpty();

        // sign-out ends the provider's session and comes back to the sign-in page with nothing kept
        ui.click("logout");
        ui.waitForTestId("login-oidc");
        assertThat(PROVIDER.logouts).hasSize(1);
        Map<String, String> logout = PROVIDER.logouts.get(0);
        assertThat(logout.get("id_token_hint")).isNotBlank();
        assertThat(logout.get("client_id")).isEqualTo("memberhub-backoffice");
        assertThat(logout.get("post_logout_redirect_uri")).endsWith("/console/login");
        assertThat(script("return sessionStorage.getItem('memberhub.token')")).isNull();
        assertThat(script("return sessionStorage.getItem('memberhub.oidc.tokens')"))
                .isNull();

        // a callback with a state this tab never sent is refused without asking for tokens
        int grants = PROVIDER.grants.size();
        ui.open("/console/callback?code=stolen&state=forged");
        ui.waitForTestId("oidc-error");
        assertThat(PROVIDER.grants).hasSize(grants);
        assertThat(ui.find("oidc-error").getText())
                .contains("No sign-in was started in this window", "no_pending_login");
        ui.shoot("login-oidc-refused");

        ui.open("/console/login");
        ui.waitForTestId("login-oidc");
        ui.switchLanguage("zh-CN");
        ui.wait.until(ExpectedConditions.textToBe(testId("login-oidc"), "使用企业账号登录"));
        ui.shoot("login-oidc");
        ui.switchLanguage("en");
    }

    private Object script(String script) {
        return ((JavascriptExecutor) ui.driver).executeScript(script);
    }
}
