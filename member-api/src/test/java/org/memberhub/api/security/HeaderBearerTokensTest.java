package org.memberhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The loop answers every header exactly as Spring's default resolver, the reference it replaces. */
class HeaderBearerTokensTest {

    private final HeaderBearerTokens tokens = new HeaderBearerTokens();
    private final DefaultBearerTokenResolver reference = new DefaultBearerTokenResolver();

    @Test
    void agreesWithSpringsResolverOnEveryShapeOfHeader() {
        List<String> headers = new ArrayList<>(List.of(
                "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl",
                "bearer abc",
                "BEARER abc==",
                "bEaReR a-b.c_d~e+f/g",
                "Bearer abc=",
                "Bearer abc=d",
                "Bearer =",
                "Bearer ",
                "Bearer",
                "Bearerabc",
                "Bearer  abc",
                "Bearer abc ",
                "Bearer a b",
                "Bearer ab\tc",
                "Bearer abc\n",
                "Bearer äbc",
                "Bearer ａbc",
                "Basic dXNlcjpwYXNz",
                "Token abc",
                "",
                "bear abc",
                "Bearer%20abc"));
        for (char c = 0; c < 0x250; c++) {
            headers.add("Bearer ab" + c + "c");
            headers.add("Bearer" + c + "abc");
        }
        for (String header : headers) {
            assertThat(answer(tokens, header)).as("[%s]", header).isEqualTo(answer(reference, header));
        }
    }

    @Test
    void noHeaderMeansNoToken() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/members");
        assertThat(tokens.resolve(request)).isNull();
    }

    @Test
    void aMalformedBearerTokenIsAnInvalidToken() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/members");
        request.addHeader("Authorization", "Bearer a b");
        assertThatThrownBy(() -> tokens.resolve(request))
                .isInstanceOfSatisfying(
                        OAuth2AuthenticationException.class,
                        e -> assertThat(e.getError().getErrorCode()).isEqualTo("invalid_token"));
    }

    private static String answer(
            org.springframework.security.oauth2.server.resource.web.BearerTokenResolver resolver, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/members");
        request.addHeader("Authorization", header);
        try {
            return "token:" + resolver.resolve(request);
        } catch (OAuth2AuthenticationException e) {
            return "error:" + e.getError().getErrorCode() + ":" + e.getError().getDescription();
        }
    }
}
