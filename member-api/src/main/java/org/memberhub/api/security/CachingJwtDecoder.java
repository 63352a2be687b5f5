package org.memberhub.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Decodes each distinct token once: the signature is checked and the claims validated by the delegate on first sight,
 * and the decoded token is kept under its exact text, so a token differing in a single character is a different key
 * and decoded in full. On every later use the claims are validated again (expiry, not-before, issuer, audience: a few
 * comparisons), so a cached token stops being accepted the moment the delegate would refuse it. Refused tokens are
 * never kept. Entries leave the cache when their token expires (plus the validator's clock skew), or earlier when
 * the cache is full.
 */
final class CachingJwtDecoder implements JwtDecoder {

    /** How long past {@code exp} a token is still accepted (Spring's {@code JwtTimestampValidator} default). */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> validated;

    /**
     * @param delegate checks the signature and validates the claims
     * @param validator the claim validation the delegate applies, run again on every use of a cached token
     * @param maximumSize how many tokens are kept at most
     * @param maximumLifetime how long a token is kept at most, also one without {@code exp}
     */
    CachingJwtDecoder(
            JwtDecoder delegate,
            OAuth2TokenValidator<Jwt> validator,
            long maximumSize,
            Duration maximumLifetime,
            Clock clock) {
        this.delegate = delegate;
        this.validator = validator;
        this.validated = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(new UntilExpiry(maximumLifetime, clock))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = validated.getIfPresent(token);
        if (known == null) {
            Jwt decoded = delegate.decode(token);
            validated.put(token, decoded);
            return decoded;
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            validated.invalidate(token);
            throw new JwtValidationException(
                    result.getErrors().stream()
                            .map(OAuth2Error::getDescription)
                            .collect(Collectors.joining(
                                    ", ", "An error occurred while attempting to decode the Jwt: ", "")),
                    result.getErrors());
        }
        return known;
    }

    long size() {
        validated.cleanUp();
        return validated.estimatedSize();
    }

    private record UntilExpiry(Duration maximumLifetime, Clock clock) implements Expiry<String, Jwt> {

        @Override
        public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
            Instant expiresAt = jwt.getExpiresAt();
            if (expiresAt == null) {
                return maximumLifetime.toNanos();
            }
            Duration left = Duration.between(clock.instant(), expiresAt.plus(CLOCK_SKEW));
            return Math.max(0, Math.min(left.toNanos(), maximumLifetime.toNanos()));
        }

        @Override
        public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
            return expireAfterCreate(token, jwt, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
