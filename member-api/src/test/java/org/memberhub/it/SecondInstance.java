package org.memberhub.it;

import java.util.ArrayList;
import java.util.List;
import org.memberhub.MemberHubApplication;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** Another instance of the application on the test application's database, for tests of several instances. */
final class SecondInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Api api;

    private SecondInstance(ConfigurableApplicationContext context, Api api) {
        this.context = context;
        this.api = api;
    }

    /** Starts it on a random port with the first instance's database and data directory, plus {@code settings}. */
    static SecondInstance start(Environment first, DevTokenIssuer issuer, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + first.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + first.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + first.getProperty("spring.datasource.password"),
                "--memberhub.data-dir=" + first.getProperty("memberhub.data-dir"),
                "--memberhub.security.dev-issuer.enabled=true"));
        for (String setting : settings) {
            arguments.add("--" + setting);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MemberHubApplication.class)
                .profiles("postgres")
                .run(arguments.toArray(String[]::new));
        Api api = new Api(
                Integer.parseInt(context.getEnvironment().getProperty("local.server.port")),
                ApiClientConfig.tokens(issuer));
        return new SecondInstance(context, api);
    }

    Api api() {
        return api;
    }

    /** One of its beans, for tests that drive a component of each instance directly. */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** One of its beans by name, where several have the type. */
    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
