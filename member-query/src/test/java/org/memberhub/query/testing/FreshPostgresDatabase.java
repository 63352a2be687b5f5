package org.memberhub.query.testing;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at its own fresh PostgreSQL database (see {@link TestDatabase}), dropped when the JVM
 * exits.
 */
public class FreshPostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase database = TestDatabase.create();
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "drop-" + database.url()));
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "freshPostgresDatabase",
                        Map.of(
                                "spring.datasource.url", database.url(),
                                "spring.datasource.username", database.user(),
                                "spring.datasource.password", database.password())));
    }
}
