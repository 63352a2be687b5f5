package org.memberhub.perf;

import java.io.IOException;
import java.util.Map;

/** Tokens from the application's development issuer, so that the load is authenticated like real traffic. */
final class DevTokens {

    private final Api api;

    DevTokens(Api api) {
        this.api = api;
    }

    /** A token of a demo user whose password is its name (admin, staff, auditor, analyst, orders). */
    String of(String user) throws IOException, InterruptedException {
        return issue(Map.of("grant_type", "password", "username", user, "password", user));
    }

    /** A self-service token bound to one member. */
    String ofMember(String memberId) throws IOException, InterruptedException {
        return issue(
                Map.of("grant_type", "password", "username", "member", "password", "member", "member_id", memberId));
    }

    private String issue(Map<String, String> form) throws IOException, InterruptedException {
        Api.Response response = api.postForm("/dev/token", form);
        if (response.status() != 200) {
            throw new IllegalStateException("the development issuer answered " + response.status() + " "
                    + response.body() + " (is memberhub.security.dev-issuer.enabled on?)");
        }
        return response.json().get("access_token").asText();
    }
}
