package org.memberhub.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How projectors treat failures and how replays are coordinated.
 *
 * @param handlerAttempts attempts at applying one event before it is parked in the dead-letter queue
 * @param handlerBackOff pause after the first failed attempt; it doubles after each further one
 * @param coordinationInterval how often each instance looks for replays to carry out
 */
@ConfigurationProperties("memberhub.projection")
public record ProjectionProperties(
        @DefaultValue("4") int handlerAttempts,
        @DefaultValue("100ms") Duration handlerBackOff,
        @DefaultValue("1s") Duration coordinationInterval) {

    public ProjectionProperties {
        if (handlerAttempts < 1) {
            throw new IllegalArgumentException("memberhub.projection.handler-attempts must be at least 1");
        }
    }
}
