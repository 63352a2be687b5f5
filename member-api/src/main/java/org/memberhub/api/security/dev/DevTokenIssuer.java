package org.memberhub.api.security.dev;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.memberhub.api.security.Role;
import org.memberhub.api.security.SecurityProperties;
import org.memberhub.api.security.SecurityProperties.DevUser;
import org.memberhub.kernel.member.MemberId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Issues tokens shaped like Keycloak's (RS256, {@code realm_access.roles}, {@code preferred_username}, audience and
 * member binding claim) for demo users, so that the product can be tried without Keycloak. Its RSA key is created at
 * first start and kept in a file, so tokens survive restarts. It never exists in the {@code prod} profile, and
 * elsewhere only on the embedded default or when switched on ({@link DevIssuerCondition}); its token endpoint answers
 * only callers on this machine.
 */
@Component
@Profile("!prod")
@Conditional(DevIssuerCondition.class)
public class DevTokenIssuer {

    private static final Logger log = LoggerFactory.getLogger(DevTokenIssuer.class);
    private static final Path DEFAULT_KEY_FILE = Path.of("data", "dev-issuer-key.json");

    /** Token times follow the real clock, whatever clock the application decides with. */
    private final Clock clock = Clock.systemUTC();

    private final RSAKey key;
    private final SecurityProperties properties;
    private final List<DevUser> users;

    DevTokenIssuer(SecurityProperties properties) {
        this.properties = properties;
        SecurityProperties.DevIssuer dev = properties.devIssuer();
        this.key = loadOrCreateKey(dev.keyFile() == null ? DEFAULT_KEY_FILE : dev.keyFile());
        this.users = dev.users() == null || dev.users().isEmpty() ? defaultUsers() : List.copyOf(dev.users());
        log.warn(
                "Development token issuer active ({}): demo users {}; never use it in production",
                dev.issuer(),
                users.stream().map(DevUser::username).toList());
    }

    public String issuer() {
        return properties.devIssuer().issuer();
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<DevUser> users() {
        return users;
    }

    public Optional<DevUser> authenticate(String username, String password) {
        return users.stream()
                .filter(user ->
                        user.username().equals(username) && user.password().equals(password))
                .findFirst();
    }

    /** The claims of a token for the user; a member user is bound to {@code member}. */
    public JWTClaimsSet.Builder claims(DevUser user, MemberId member) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(UUID.nameUUIDFromBytes(("dev:" + user.username()).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .audience(properties.audience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.devIssuer().tokenLifetime())))
                .jwtID(UUID.randomUUID().toString())
                .claim("typ", "Bearer")
                .claim("azp", "memberhub-dev")
                .claim("scope", "openid profile")
                .claim("preferred_username", user.username())
                .claim("realm_access", Map.of("roles", user.roles()));
        if (member != null) {
            claims.claim(properties.memberClaim(), member.toString());
        }
        return claims;
    }

    public String issue(DevUser user, MemberId member) {
        return sign(claims(user, member).build());
    }

    /** Signs any claims with the issuer's key, RS256. */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public long tokenLifetimeSeconds() {
        return properties.devIssuer().tokenLifetime().toSeconds();
    }

    private static RSAKey loadOrCreateKey(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey created = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "dev-issuer-key", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system has no POSIX permissions; the key stays readable as the directory allows
            }
            Files.writeString(temporary, created.toJSONString());
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development issuer key in " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the development issuer key in " + file + " is not readable", e);
        }
    }

    private static List<DevUser> defaultUsers() {
        return List.of(
                new DevUser("admin", "admin", List.of(Role.MEMBER_ADMIN.keycloakName())),
                new DevUser("staff", "staff", List.of(Role.MEMBER_STAFF.keycloakName())),
                new DevUser("auditor", "auditor", List.of(Role.AUDITOR.keycloakName())),
                new DevUser("analyst", "analyst", List.of(Role.ANALYST.keycloakName())),
                new DevUser("orders", "orders", List.of(Role.ORDER_SERVICE.keycloakName())),
                new DevUser("member", "member", List.of(Role.MEMBER.keycloakName())),
                new DevUser("monitoring", "monitoring", List.of(Role.MONITORING.keycloakName())));
    }
}
