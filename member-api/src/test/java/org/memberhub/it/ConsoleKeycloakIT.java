package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.ConsoleBrowser.testId;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.memberhub.query.testing.FreshPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's OpenID Connect sign-in in a real headless Chromium against a real Keycloak with the project's realm:
 * the staff user is sent to Keycloak's login page, types user name and password there, comes back signed in and sees
 * the members list (the API accepts Keycloak's token), the token is refreshed at Keycloak's token endpoint from the
 * console's origin, and signing out ends the Keycloak session (the next sign-in asks for the password again).
 *
 * <p>Keycloak imports a test copy of the realm: the console's client also allows this test's application port as a
 * redirect URI (the committed realm has port 8080), and access tokens live 75 s instead of 5 minutes, so the console
 * refreshes some 15 s in.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "memberhub.data-dir=target/it-data-console-keycloak",
            "memberhub.security.dev-issuer.enabled=false"
        })
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = FreshPostgresDatabase.class)
class ConsoleKeycloakIT {

    private static final int PORT = freePort();

    /** Keycloak's pages and redirects on a busy machine: generous. */
    private static final Duration KEYCLOAK_PATIENCE = Duration.ofSeconds(120);

    @RegisterExtension
    static final KeycloakServer keycloak = new KeycloakServer(ConsoleKeycloakIT::forThisTest);

    private static void forThisTest(ObjectNode realm) {
        realm.put("accessTokenLifespan", 75);
        for (var client : realm.withArray("clients")) {
            if ("memberhub-backoffice".equals(client.path("clientId").asText())) {
                ((ArrayNode) client.get("redirectUris")).add("http://127.0.0.1:" + PORT + "/console/*");
            }
        }
    }

    @DynamicPropertySource
    static void trustKeycloak(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", keycloak::issuer);
    }

    @Test
    void staffSignsInAtKeycloakIsRefreshedAndSignsOutOfKeycloak() {
        try (ConsoleBrowser ui = ConsoleBrowser.start(PORT)) {
            WebDriverWait slow = new WebDriverWait(ui.driver, KEYCLOAK_PATIENCE, Duration.ofMillis(250));
            ui.open("/console/");
            ui.wait.until(ExpectedConditions.urlContains("/console/login"));
            script(ui, "localStorage.setItem('memberhub.locale', 'en')");
            ui.driver.navigate().refresh();
            ui.waitForTestId("login-oidc");

            // to Keycloak's own login page, where the user types name and password
            ui.click("login-oidc");
            keycloakLogin(ui, slow);
            ui.shoot("keycloak-login");
            ui.driver.findElement(By.id("username")).sendKeys("staff");
            ui.driver.findElement(By.id("password")).sendKeys("staff");
            ui.driver.findElement(By.id("kc-login")).click();
            try {
                slow.until(ExpectedConditions.textToBe(testId("user"), "staff"));
            } catch (RuntimeException e) {
                ui.shoot("keycloak-login-failed");
                throw new AssertionError(
                        "not signed in at " + ui.driver.getCurrentUrl() + "; page: "
                                + ui.driver.findElement(By.tagName("body")).getText() + "; browser log: "
                                + ui.driver.manage().logs().get("browser").getAll(),
                        e);
            }
            assertThat(ui.driver.getCurrentUrl()).startsWith("http://127.0.0.1:" + PORT + "/console/");
            assertThat(ui.driver.getCurrentUrl()).doesNotContain("code=");

            // the API accepts Keycloak's token: the members list loads
            ui.click("nav-members");
            ui.waitForTestId("list-total");
            assertThat(ui.all("list-error")).isEmpty();
            ui.shoot("keycloak-members");
            String first = String.valueOf(script(ui, "return sessionStorage.getItem('memberhub.token')"));

            // refreshed at Keycloak's token endpoint (a cross-origin call from the console), and still signed in
            slow.until(driver ->
                    !first.equals(String.valueOf(script(ui, "return sessionStorage.getItem('memberhub.token')"))));
            assertThat(ui.all("user")).isNotEmpty();
            ui.driver.navigate().refresh();
            ui.waitForTestId("list-total");
            assertThat(ui.all("list-error")).isEmpty();
            assertThat(ui.find("user").getText()).isEqualTo("staff");

            // signing out ends the Keycloak session: back on the console's sign-in page, and the next sign-in asks
            // Keycloak for the password again instead of coming straight back
            ui.click("logout");
            slow.until(ExpectedConditions.urlContains("127.0.0.1:" + PORT + "/console/login"));
            ui.waitForTestId("login-oidc");
            assertThat(script(ui, "return sessionStorage.getItem('memberhub.token')"))
                    .isNull();
            ui.open("/console/");
            ui.waitForTestId("login-oidc");
            ui.click("login-oidc");
            keycloakLogin(ui, slow);
            ui.shoot("keycloak-login-again");
        }
    }

    /** Waits for Keycloak's login form (its own page, not the console's). */
    private void keycloakLogin(ConsoleBrowser ui, WebDriverWait slow) {
        try {
            slow.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-login")));
        } catch (RuntimeException e) {
            ui.shoot("keycloak-login-missing");
            throw new AssertionError(
                    "no Keycloak login form at " + ui.driver.getCurrentUrl() + "; page: "
                            + ui.driver.findElement(By.tagName("body")).getText() + "; browser log: "
                            + ui.driver.manage().logs().get("browser").getAll(),
                    e);
        }
        assertThat(ui.driver.getCurrentUrl()).startsWith(keycloak.issuer() + "/protocol/openid-connect/auth");
    }

    private static Object script(ConsoleBrowser ui, String script) {
        return ((JavascriptExecutor) ui.driver).executeScript(script);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
