package org.memberhub.api.me;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of self-service.
 *
 * @param writeBurst how many writes (profile changes, check-ins, spends, benefit purchases, joins) a member may send
 *     at once
 * @param writeRefill how often one more write becomes allowed after the burst is used up
 */
@ConfigurationProperties("memberhub.self-service")
public record SelfServiceProperties(@DefaultValue("20") int writeBurst, @DefaultValue("3s") Duration writeRefill) {}
