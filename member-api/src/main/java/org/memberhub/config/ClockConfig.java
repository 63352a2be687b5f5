package org.memberhub.config;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfig {

    /** The one source of "now" for decisions and event timestamps; tests replace it to move time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock(MemberHubProperties properties) {
        return Clock.system(properties.timeZone());
    }
}
