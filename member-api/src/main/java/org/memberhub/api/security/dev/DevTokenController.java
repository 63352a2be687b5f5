package org.memberhub.api.security.dev;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.memberhub.api.docs.Refuses;
import org.memberhub.api.error.ApiException;
import org.memberhub.api.security.Role;
import org.memberhub.api.security.SecurityProperties.DevUser;
import org.memberhub.kernel.member.MemberId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The development issuer's token endpoint, answering like Keycloak's password grant:
 * {@code curl -d grant_type=password -d username=admin -d password=admin localhost:8080/dev/token}.
 */
@RestController
@ConditionalOnBean(DevTokenIssuer.class)
@Tag(name = "Development issuer", description = "Demo tokens without Keycloak; absent in production")
class DevTokenController {

    private final DevTokenIssuer issuer;

    DevTokenController(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping(path = "/dev/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "Get a token for a demo user (password grant); the member user also needs member_id")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "401", description = "Unknown user or wrong password (INVALID_GRANT).")
    @ApiResponse(responseCode = "404", description = "Asked from another machine: as if there were no such endpoint.")
    @Refuses(badRequest = {"UNSUPPORTED_GRANT_TYPE", "MEMBER_ID_REQUIRED"})
    TokenResponse token(
            HttpServletRequest request,
            @RequestParam(name = "grant_type") String grantType,
            @RequestParam String username,
            @RequestParam String password,
            @RequestParam(name = "member_id", required = false) String memberId) {
        if (!isLoopback(request.getRemoteAddr())) {
            // as if it did not exist: demo credentials must not be usable from another machine
            throw new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND");
        }
        if (!"password".equals(grantType)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "UNSUPPORTED_GRANT_TYPE", grantType);
        }
        DevUser user = issuer.authenticate(username, password)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_GRANT"));
        MemberId member = null;
        if (user.roles().contains(Role.MEMBER.keycloakName())) {
            if (memberId == null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "MEMBER_ID_REQUIRED");
            }
            try {
                member = MemberId.of(memberId);
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "MEMBER_ID_REQUIRED");
            }
        }
        return new TokenResponse(issuer.issue(user, member), "Bearer", issuer.tokenLifetimeSeconds(), "openid profile");
    }

    /**
     * Whether the caller's address (the servlet container's remote address, an IP literal, which is parsed and never
     * looked up) is this machine's.
     */
    static boolean isLoopback(String remoteAddress) {
        if (remoteAddress == null || !remoteAddress.matches("[0-9A-Fa-f.:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(remoteAddress).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn,
            String scope) {}
}
