package org.memberhub.command.privacy;

import java.time.Clock;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.memberhub.kernel.privacy.PersonalDataVault;
import org.springframework.beans.factory.annotation.Qualifier;
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

    /**
     * Serializes events, and snapshots of aggregates, with members' personal data encrypted under each member's own
     * key, so that erasing a member (destroying the key) makes it unreadable wherever it was stored. It wraps the
     * application's Jackson serializer, which serializes everything else Axon stores.
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(JacksonSerializer serializer, PersonalDataVault vault) {
        return new PersonalDataSerializer(serializer, vault);
    }
}
