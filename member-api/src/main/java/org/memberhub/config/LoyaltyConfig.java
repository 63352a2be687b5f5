package org.memberhub.config;

import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LoyaltyConfig {

    /** The one set of rules both sides use; invalid settings stop the application at start. */
    @Bean
    LoyaltyRules loyaltyRules(LoyaltyProperties loyalty, MemberHubProperties application) {
        return loyalty.toRules(application);
    }
}
