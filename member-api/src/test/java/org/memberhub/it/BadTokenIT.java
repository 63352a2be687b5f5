package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.memberhub.api.security.SecurityProperties.DevUser;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;

/** Tokens that must not get in: each answers 401 with Problem Details and a Bearer challenge. */
@PostgresIT
class BadTokenIT {

    private static final String MEMBERS = "/api/v1/members";

    @Autowired
    Api api;

    @Autowired
    DevTokenIssuer issuer;

    @Test
    void aValidTokenGetsIn() {
        assertThat(api.withToken(issuer.sign(admin().build())).get(MEMBERS).status())
                .isEqualTo(200);
    }

    /** Validated tokens are kept by their exact text: a kept token changed in one character is checked anew. */
    @Test
    void aTokenAcceptedBeforeIsRefusedOnceChangedInOneCharacter() {
        String token = issuer.sign(admin().build());
        assertThat(api.withToken(token).get(MEMBERS).status()).isEqualTo(200);
        int last = token.length() - 5;
        for (int at : new int[] {last, token.indexOf('.') + 3}) {
            String changed = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

            Response response = api.withToken(changed).get(MEMBERS);

            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        }
        assertThat(api.withToken(token).get(MEMBERS).status()).isEqualTo(200);
    }

    @TestFactory
    Stream<DynamicTest> badTokensAreRefused() {
        return Stream.of(
                        bad("missing", () -> null),
                        bad("not a JWT", () -> "not-a-token"),
                        bad(
                                "expired",
                                () -> issuer.sign(admin().issueTime(ago(Duration.ofHours(2)))
                                        .expirationTime(ago(Duration.ofMinutes(5)))
                                        .build())),
                        bad(
                                "not yet valid",
                                () -> issuer.sign(admin().notBeforeTime(
                                                Date.from(Instant.now().plus(Duration.ofMinutes(5))))
                                        .build())),
                        bad(
                                "wrong issuer",
                                () -> issuer.sign(admin().issuer("https://evil.example.com/realms/memberhub")
                                        .build())),
                        bad(
                                "wrong audience",
                                () -> issuer.sign(
                                        admin().audience("another-api").build())),
                        bad(
                                "no audience",
                                () -> issuer.sign(admin().audience(List.of()).build())),
                        bad("tampered payload", this::tamperedPayload),
                        bad("tampered signature", this::tamperedSignature),
                        bad("alg none", () -> new PlainJWT(admin().build()).serialize()),
                        bad("HS256 signed with the public key", this::hmacWithPublicKey),
                        bad("signed by an unknown key", this::signedByAnotherKey))
                .map(token -> DynamicTest.dynamicTest(token.name(), () -> {
                    String raw = token.token().get();
                    Api caller = raw == null ? api.anonymous() : api.withToken(raw);
                    Response response = caller.get(MEMBERS);
                    assertThat(response.status()).as(response.toString()).isEqualTo(401);
                    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
                    assertThat(response.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
                }));
    }

    private record BadToken(String name, Supplier<String> token) {}

    private static BadToken bad(String name, Supplier<String> token) {
        return new BadToken(name, token);
    }

    private JWTClaimsSet.Builder admin() {
        DevUser admin = issuer.users().stream()
                .filter(user -> user.username().equals("admin"))
                .findFirst()
                .orElseThrow();
        return issuer.claims(admin, null);
    }

    /** A valid admin token whose payload now claims the member role too, with the original signature. */
    private String tamperedPayload() {
        String[] parts = issuer.sign(admin().build()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"member-admin\"", "\"member-admin\",\"member\"");
        return parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
    }

    private String tamperedSignature() {
        String token = issuer.sign(admin().build());
        char last = token.charAt(token.length() - 5);
        return token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4);
    }

    private String hmacWithPublicKey() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), admin().build());
            jwt.sign(new MACSigner(issuer.publicKey().getEncoded()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String signedByAnotherKey() {
        try {
            RSAKey other = new RSAKeyGenerator(2048).keyID("other").generate();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("other").build(), admin().build());
            jwt.sign(new RSASSASigner(other));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Date ago(Duration duration) {
        return Date.from(Instant.now().minus(duration));
    }
}
