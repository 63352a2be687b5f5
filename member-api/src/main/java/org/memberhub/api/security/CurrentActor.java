package org.memberhub.api.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.memberhub.kernel.audit.AuditMetadata;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The caller of the current request, as recorded in the metadata of the commands it sends. */
public final class CurrentActor {

    static final String USERNAME_CLAIM = "preferred_username";

    /** The actor name recorded for what members do through the self-service API. */
    public static final String SELF_SERVICE = "self-service";

    private CurrentActor() {}

    /** Token subject, user name and roles of the caller; empty when the request carries no token. */
    public static Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            metadata.put(AuditMetadata.ACTOR_ID, token.getToken().getSubject());
            boolean member = token.getAuthorities().stream()
                    .anyMatch(authority -> authority.getAuthority().equals(Role.MEMBER.authority()));
            // a member's user name may be their phone number or e-mail: personal data that erasure could not reach
            // in the event metadata, so their own actions are recorded as self-service of the member they change
            metadata.put(AuditMetadata.ACTOR_NAME, member ? SELF_SERVICE : token.getName());
            metadata.put(
                    AuditMetadata.ACTOR_ROLES,
                    token.getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority)
                            .map(authority -> authority.replaceFirst("^ROLE_", ""))
                            .sorted()
                            .collect(Collectors.joining(",")));
        }
        return metadata;
    }
}
