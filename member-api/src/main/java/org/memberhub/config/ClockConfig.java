package org.memberhub.config;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfig {

    /**
     * The one source of "now" for decisions and event timestamps; tests replace it to move time. It ticks in whole
     * milliseconds, as the event store keeps time, so that an instant decided now reads back the same later.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock(MemberHubProperties properties) {
        return Clock.tick(Clock.system(properties.timeZone()), Duration.ofMillis(1));
    }
}
