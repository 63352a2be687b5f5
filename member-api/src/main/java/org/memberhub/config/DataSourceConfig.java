package org.memberhub.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DataSourceConfig {

    /**
     * Keeps row values out of PostgreSQL's error messages. By default the driver adds the server's detail to each
     * exception ("Failing row contains (...)", "Key (mobile)=(...) already exists"), which would carry members'
     * personal data into logs and the dead-letter queue, beyond the reach of erasure.
     */
    @Bean
    static BeanPostProcessor postgresErrorDetailOff() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari
                        && hikari.getJdbcUrl() != null
                        && hikari.getJdbcUrl().startsWith("jdbc:postgresql:")) {
                    hikari.addDataSourceProperty("logServerErrorDetail", "false");
                }
                return bean;
            }
        };
    }
}
