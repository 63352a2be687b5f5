package org.memberhub.it;

import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.kernel.member.MemberId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/** Makes an {@link Api} client for the running server injectable into test classes. */
@TestConfiguration(proxyBeanMethods = false)
class ApiClientConfig {

    /** Lazy: the server's port is known only once the web server has started. */
    @Bean
    @Lazy
    Api api(@Value("${local.server.port}") int port, DevTokenIssuer issuer) {
        return new Api(port, tokens(issuer));
    }

    static Api.Tokens tokens(DevTokenIssuer issuer) {
        return (username, memberId) -> issuer.issue(
                issuer.users().stream()
                        .filter(user -> user.username().equals(username))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no demo user " + username)),
                memberId == null ? null : MemberId.of(memberId));
    }
}
