package org.memberhub.api.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token validation and the development issuer. The issuer itself (Keycloak's realm URL) is Spring's
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or {@code jwk-set-uri}).
 *
 * @param audience the audience a token must name (Keycloak: an audience mapper for this client)
 * @param clientId the Keycloak client whose client roles count, besides realm roles
 * @param memberClaim the claim binding a token with role {@code member} to one member id
 * @param devIssuer the development issuer, for running without Keycloak; never active in the prod profile
 * @param tokenCache validated tokens kept so that a token's signature is checked once, not on every request
 */
@ConfigurationProperties("memberhub.security")
public record SecurityProperties(
        @DefaultValue("memberhub-api") String audience,
        @DefaultValue("memberhub-api") String clientId,
        @DefaultValue("member_id") String memberClaim,
        @DefaultValue DevIssuer devIssuer,
        @DefaultValue TokenCache tokenCache) {

    /**
     * @param maximumSize how many distinct tokens are kept at most (0: none, every request checks the signature)
     * @param maximumLifetime how long a token is kept at most; it leaves earlier when it expires
     */
    public record TokenCache(@DefaultValue("10000") long maximumSize, @DefaultValue("PT1H") Duration maximumLifetime) {}

    /**
     * @param enabled whether tokens are issued (and validated) locally; unset, only on the embedded default (no
     *     issuer, the embedded database), see {@code DevIssuerCondition}; never in the prod profile
     * @param issuer the {@code iss} of its tokens
     * @param keyFile where its RSA key is kept, created at first start (default under memberhub.data-dir)
     * @param tokenLifetime how long its tokens are valid
     * @param users its demo users; empty means one per role, password = user name
     */
    public record DevIssuer(
            Boolean enabled,
            @DefaultValue("http://localhost:8080/dev") String issuer,
            Path keyFile,
            @DefaultValue("PT1H") Duration tokenLifetime,
            List<DevUser> users) {}

    /** A demo user of the development issuer. */
    public record DevUser(String username, String password, List<String> roles) {}
}
