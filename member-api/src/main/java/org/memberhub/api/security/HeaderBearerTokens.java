package org.memberhub.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Finds the bearer token where {@link DefaultBearerTokenResolver} does by default, in the {@code Authorization}
 * header only (RFC 6750 §2.1; never in the query or the body), with the same answers: no token when the header is
 * absent or names another scheme, {@code invalid_token} when it names Bearer but the token is not a b64token. The
 * check is a loop instead of the default's case-insensitive regex, which on every request cost as much CPU as the
 * rest of a member read.
 */
final class HeaderBearerTokens implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length() - 1)) {
            return null;
        }
        if (!isCredentials(header)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return header.substring(SCHEME.length());
    }

    /** {@code Bearer} (any case), one space, then {@code 1*( ALPHA / DIGIT / "-._~+/" ) *"="}. */
    static boolean isCredentials(String header) {
        int length = header.length();
        if (length <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        int i = SCHEME.length();
        int start = i;
        while (i < length && isTokenCharacter(header.charAt(i))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < length && header.charAt(i) == '=') {
            i++;
        }
        return i == length;
    }

    private static boolean isTokenCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
