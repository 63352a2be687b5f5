package org.memberhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** A token's signature is checked once; its expiry on every use; a token changed in one character is decoded anew. */
class CachingJwtDecoderTest {

    private static final String ISSUER = "https://issuer.example.com/realms/memberhub";

    private final Instant start = Instant.parse("2026-03-01T10:00:00Z");
    private final ManualClock clock = new ManualClock(start);
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private RSAKey key;
    private JwtDecoder decoder;

    @BeforeEach
    void decoder() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test").generate();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> validator =
                new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER));
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        nimbus.setJwtValidator(validator);
        JwtDecoder counting = token -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        };
        decoder = new CachingJwtDecoder(counting, validator, 100, Duration.ofHours(1), clock);
    }

    @Test
    void checksTheSignatureOfATokenOnce() throws Exception {
        String token = sign(start.plus(Duration.ofMinutes(5)));

        Jwt first = decoder.decode(token);
        Jwt again = decoder.decode(token);

        assertThat(again.getTokenValue()).isEqualTo(first.getTokenValue());
        assertThat(again.getIssuer().toString()).isEqualTo(ISSUER);
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void refusesACachedTokenOnceItHasExpired() throws Exception {
        String token = sign(start.plus(Duration.ofMinutes(5)));
        decoder.decode(token);

        clock.set(start.plus(Duration.ofMinutes(5))
                .plus(CachingJwtDecoder.CLOCK_SKEW)
                .plusSeconds(1));

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aTokenChangedInOneCharacterIsCheckedAndRefused() throws Exception {
        String token = sign(start.plus(Duration.ofMinutes(5)));
        decoder.decode(token);
        int last = token.length() - 3;
        String changed = token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.substring(last + 1);

        assertThatThrownBy(() -> decoder.decode(changed)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(changed)).isInstanceOf(BadJwtException.class);
        assertThat(signatureChecks).hasValue(3);
        assertThat(decoder.decode(token).getTokenValue()).isEqualTo(token);
    }

    @Test
    void keepsNoRefusedToken() throws Exception {
        String expired = sign(start.minus(Duration.ofMinutes(5)));

        assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtValidationException.class);
        assertThat(signatureChecks).hasValue(2);
        assertThat(((CachingJwtDecoder) decoder).size()).isZero();
    }

    private String sign(Instant expiresAt) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("admin")
                .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static final class ManualClock extends Clock {

        private volatile Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
