package org.memberhub.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class DataSourceConfig {

    /**
     * Sets up PostgreSQL connections: row values stay out of error messages (by default the driver adds the server's
     * detail to each exception, "Failing row contains (...)", "Key (mobile)=(...) already exists", which would carry
     * members' personal data into logs and the dead-letter queue, beyond the reach of erasure), and every session gets
     * the {@link DatabaseSessionProperties time limits}.
     */
    @Bean
    static BeanPostProcessor postgresSessions(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (isPostgres(bean) && bean instanceof HikariDataSource hikari) {
                    DatabaseSessionProperties limits =
                            Binder.get(environment).bindOrCreate("memberhub.database", DatabaseSessionProperties.class);
                    hikari.addDataSourceProperty("logServerErrorDetail", "false");
                    Object options = hikari.getDataSourceProperties().get("options");
                    hikari.addDataSourceProperty(
                            "options", options == null ? limits.options() : options + " " + limits.options());
                    hikari.addDataSourceProperty(
                            "socketTimeout",
                            Long.toString(limits.socketTimeout().toSeconds()));
                }
                return bean;
            }
        };
    }

    private static boolean isPostgres(Object dataSource) {
        return dataSource instanceof HikariDataSource hikari
                && hikari.getJdbcUrl() != null
                && hikari.getJdbcUrl().startsWith("jdbc:postgresql:");
    }
}
