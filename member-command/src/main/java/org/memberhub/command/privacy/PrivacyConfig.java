package org.memberhub.command.privacy;

import java.time.Clock;
import org.memberhub.kernel.privacy.PersonalDataVault;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
class PrivacyConfig {

    @Bean
    PersonalDataVault personalDataVault(JdbcTemplate jdbc, PrivacyProperties properties, Clock clock) {
        return new JdbcPersonalDataVault(jdbc, MasterKey.load(properties), clock);
    }
}
