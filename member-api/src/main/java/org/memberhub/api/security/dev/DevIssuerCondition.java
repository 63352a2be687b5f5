package org.memberhub.api.security.dev;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the development issuer runs (never in the {@code prod} profile, see {@link DevTokenIssuer}): when
 * {@code memberhub.security.dev-issuer.enabled} says so explicitly; when it says nothing, only on the embedded default,
 * that is with no token issuer configured and the embedded H2 database. Selecting PostgreSQL and forgetting the issuer
 * therefore does not open a token endpoint: the application refuses to start instead.
 */
class DevIssuerCondition extends SpringBootCondition {

    static final String ENABLED = "memberhub.security.dev-issuer.enabled";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        String enabled = environment.getProperty(ENABLED);
        if (enabled != null && !enabled.isBlank()) {
            return Boolean.parseBoolean(enabled.trim())
                    ? ConditionOutcome.match(ENABLED + " is true")
                    : ConditionOutcome.noMatch(ENABLED + " is false");
        }
        if (environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri") != null
                || environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri") != null) {
            return ConditionOutcome.noMatch("a token issuer is configured");
        }
        String url = environment.getProperty("spring.datasource.url");
        if (url != null && !url.startsWith("jdbc:h2:")) {
            return ConditionOutcome.noMatch("the database is not the embedded one (" + ENABLED + " not set)");
        }
        return ConditionOutcome.match("the embedded default: no issuer, the embedded database");
    }
}
