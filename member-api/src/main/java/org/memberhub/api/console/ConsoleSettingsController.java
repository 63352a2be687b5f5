package org.memberhub.api.console;

import io.swagger.v3.oas.annotations.Hidden;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.config.MemberHubProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How the web console signs users in, learnt by the console at run time ({@code GET /console/config.json}, public like
 * the console's files): {@code oidc} (authorization code with PKCE against the issuer, as the console's own public
 * client) when an issuer is configured, otherwise {@code dev} (the development issuer's password form). The issuer
 * the browser is sent to is {@code memberhub.console.oidc.issuer}, by default the issuer the API trusts; they differ
 * only where the browser reaches Keycloak under another address than the application does. {@code timeZone} is the
 * business time zone in which the application counts calendar days (join dates, daily reports): the console reckons
 * "today" and "the last 7 days" there, not in the browser's zone.
 */
@RestController
@Hidden
class ConsoleSettingsController {

    /** What the console needs to know; {@code issuer} and {@code clientId} are null in {@code dev} mode. */
    record ConsoleSettings(
            String mode, String issuer, String clientId, String scope, String devTokenEndpoint, String timeZone) {}

    private final ConsoleSettings settings;

    ConsoleSettingsController(
            @Value("${memberhub.console.oidc.issuer:${spring.security.oauth2.resourceserver.jwt.issuer-uri:}}")
                    String issuer,
            @Value("${memberhub.console.oidc.client-id:memberhub-backoffice}") String clientId,
            @Value("${memberhub.console.oidc.scope:openid}") String scope,
            ObjectProvider<DevTokenIssuer> devIssuer,
            MemberHubProperties properties) {
        String zone = properties.timeZone().getId();
        if (issuer != null && !issuer.isBlank()) {
            String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            this.settings = new ConsoleSettings("oidc", trimmed, clientId, scope, null, zone);
        } else {
            DevTokenIssuer dev = devIssuer.getIfAvailable();
            this.settings =
                    new ConsoleSettings("dev", dev == null ? null : dev.issuer(), null, null, "/dev/token", zone);
        }
    }

    @GetMapping(path = "/console/config.json", produces = "application/json")
    ResponseEntity<ConsoleSettings> settings() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(settings);
    }
}
