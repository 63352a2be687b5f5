package org.memberhub.query.testing;

import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at its own fresh PostgreSQL database (see {@link TestDatabase}) and drops it when the
 * context closes, after the context's connection pool has been shut down.
 */
public class FreshPostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String BEAN_NAME = "freshPostgresDatabase";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase database = TestDatabase.create();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        BEAN_NAME,
                        Map.of(
                                "spring.datasource.url", database.url(),
                                "spring.datasource.username", database.user(),
                                "spring.datasource.password", database.password())));
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton(BEAN_NAME, database);
        beans.registerDisposableBean(BEAN_NAME, database::close);
        beans.registerDependentBean(BEAN_NAME, "dataSource");
    }
}
