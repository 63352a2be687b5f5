package org.memberhub.it;

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
    Api api(@Value("${local.server.port}") int port) {
        return new Api(port);
    }
}
