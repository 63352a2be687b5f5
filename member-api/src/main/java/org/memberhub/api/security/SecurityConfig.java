package org.memberhub.api.security;

import java.time.Clock;
import java.util.List;
import org.memberhub.api.error.Problems;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The API is an OAuth2 resource server for Keycloak's access tokens: RS256 signatures only, the configured issuer
 * and audience, and Keycloak realm and client roles as authorities. What each role may call is {@link AccessPolicy};
 * an endpoint it does not name is denied to everybody.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            SecurityProperties properties,
            Problems problems,
            ObjectProvider<RequestMappingInfoHandlerMapping> endpoints)
            throws Exception {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        KnownEndpoints known = new KnownEndpoints(endpoints);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> {
                    // path patterns matched directly (as MVC matches them), not through MVC's handler mappings
                    authorize
                            .requestMatchers(AccessPolicy.PUBLIC.stream()
                                    .map(PATHS::matcher)
                                    .toArray(RequestMatcher[]::new))
                            .permitAll();
                    for (AccessPolicy.Rule rule : AccessPolicy.RULES) {
                        authorize
                                .requestMatchers(PATHS.matcher(rule.method(), rule.path()))
                                .hasAnyAuthority(rule.roles().stream()
                                        .map(Role::authority)
                                        .toArray(String[]::new));
                    }
                    // an endpoint without a rule (a controller's or the actuator's) is denied; a path with no
                    // endpoint is left to Spring MVC (404, or 405 for a wrong method), for authenticated callers
                    authorize
                            .anyRequest()
                            .access((authentication, context) -> new AuthorizationDecision(
                                    isAuthenticated(authentication.get()) && !known.matches(context.getRequest())));
                })
                .oauth2ResourceServer(server -> server.bearerTokenResolver(new HeaderBearerTokens())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication(properties)))
                        .authenticationEntryPoint((request, response, failure) -> {
                            bearer.commence(request, response, failure);
                            problems.write(request, response, HttpStatus.UNAUTHORIZED.value(), "UNAUTHORIZED");
                        })
                        .accessDeniedHandler((request, response, denied) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN.value(), "FORBIDDEN")))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, failure) -> {
                            bearer.commence(request, response, failure);
                            problems.write(request, response, HttpStatus.UNAUTHORIZED.value(), "UNAUTHORIZED");
                        })
                        .accessDeniedHandler((request, response, denied) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN.value(), "FORBIDDEN")));
        return http.build();
    }

    /**
     * Spring's strict firewall, with its default check of header names and values and parameter names done by a loop
     * ({@link AssignedNonControl}) instead of a Unicode regex run every time a header is read.
     */
    @Bean
    WebSecurityCustomizer firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(AssignedNonControl::test);
        firewall.setAllowedHeaderValues(AssignedNonControl::test);
        firewall.setAllowedParameterNames(AssignedNonControl::test);
        return web -> web.httpFirewall(firewall);
    }

    /**
     * No observations (timers, spans) of every security filter, authentication and authorization: they cost a tenth
     * of a member read's CPU and say nothing the request's own {@code http.server.requests} observation does not.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    private static boolean isAuthenticated(Authentication authentication) {
        return authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }

    /**
     * Validates tokens of the configured issuer (Keycloak), found through its discovery document on first use so
     * that the application starts while Keycloak is still starting; without one, tokens of the development issuer.
     * The application does not start when it has neither, nor in the prod profile with a JWK set but no issuer to
     * check the {@code iss} claim against. Validated tokens are kept ({@link CachingJwtDecoder}), so
     * a token's signature is checked once, not on every request.
     */
    @Bean
    JwtDecoder jwtDecoder(
            OAuth2ResourceServerProperties resourceServer,
            SecurityProperties properties,
            ObjectProvider<DevTokenIssuer> devIssuer,
            Environment environment) {
        String issuer = resourceServer.getJwt().getIssuerUri();
        String jwkSetUri = resourceServer.getJwt().getJwkSetUri();
        if (jwkSetUri != null) {
            if (issuer == null) {
                String problem = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri is set without issuer-uri:"
                        + " tokens of any issuer whose keys are in that set would be accepted";
                if (environment.acceptsProfiles(Profiles.of("prod"))) {
                    throw new IllegalStateException(problem + "; set issuer-uri too (the realm's URL)");
                }
                log.warn("{}; set issuer-uri too (required in the prod profile)", problem);
            }
            OAuth2TokenValidator<Jwt> validator = validator(issuer, properties.audience());
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            decoder.setJwtValidator(validator);
            return cached(decoder, validator, properties);
        }
        if (issuer != null) {
            OAuth2TokenValidator<Jwt> validator = validator(issuer, properties.audience());
            return cached(
                    new SupplierJwtDecoder(() -> {
                        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer)
                                .jwsAlgorithms(algorithms -> {
                                    algorithms.clear();
                                    algorithms.add(SignatureAlgorithm.RS256);
                                })
                                .build();
                        decoder.setJwtValidator(validator);
                        return decoder;
                    }),
                    validator,
                    properties);
        }
        DevTokenIssuer dev = devIssuer.getIfAvailable();
        if (dev == null) {
            throw new IllegalStateException("No token issuer: set spring.security.oauth2.resourceserver.jwt.issuer-uri"
                    + " to the Keycloak realm (for example http://keycloak:8080/realms/memberhub). The development"
                    + " issuer runs only on the embedded database unless memberhub.security.dev-issuer.enabled=true"
                    + " (for development on this machine), and never in the prod profile");
        }
        OAuth2TokenValidator<Jwt> validator = validator(dev.issuer(), properties.audience());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(dev.publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator);
        return cached(decoder, validator, properties);
    }

    private static JwtDecoder cached(
            JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator, SecurityProperties properties) {
        SecurityProperties.TokenCache cache = properties.tokenCache();
        if (cache.maximumSize() <= 0) {
            return decoder;
        }
        return new CachingJwtDecoder(
                decoder, validator, cache.maximumSize(), cache.maximumLifetime(), Clock.systemUTC());
    }

    private static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        OAuth2TokenValidator<Jwt> audienceValidator =
                jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(
                                new OAuth2Error("invalid_token", "The token is not meant for " + audience, null));
        OAuth2TokenValidator<Jwt> standard =
                issuer == null ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(issuer);
        return new DelegatingOAuth2TokenValidator<>(List.of(standard, audienceValidator));
    }

    /** The user name (or, for tokens without one, the subject) is the principal's name. */
    private static Converter<Jwt, AbstractAuthenticationToken> authentication(SecurityProperties properties) {
        KeycloakAuthorities authorities = new KeycloakAuthorities(properties.clientId());
        return jwt -> {
            String name = jwt.getClaimAsString(CurrentActor.USERNAME_CLAIM);
            return new JwtAuthenticationToken(jwt, authorities.convert(jwt), name != null ? name : jwt.getSubject());
        };
    }
}
