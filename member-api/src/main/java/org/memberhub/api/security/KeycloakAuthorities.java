package org.memberhub.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Grants the roles of a Keycloak access token: its realm roles ({@code realm_access.roles}) and its client roles for
 * this API ({@code resource_access.<clientId>.roles}), each as {@code ROLE_<name>}.
 */
class KeycloakAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final String clientId;

    KeycloakAuthorities(String clientId) {
        this.clientId = clientId;
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        rolesIn(jwt.getClaimAsMap("realm_access"), authorities);
        Map<String, Object> resources = jwt.getClaimAsMap("resource_access");
        if (resources != null && resources.get(clientId) instanceof Map<?, ?> client) {
            rolesIn(client, authorities);
        }
        return authorities;
    }

    private static void rolesIn(Map<?, ?> access, List<GrantedAuthority> authorities) {
        if (access != null && access.get("roles") instanceof Collection<?> roles) {
            for (Object role : roles) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
        }
    }
}
