package org.memberhub.api.me;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.memberhub.kernel.points.OrderRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and offers of self-service.
 *
 * @param writeBurst how many writes (profile changes, check-ins, spends, redemptions, benefit uses and purchases,
 *     joins) a member may send at once
 * @param writeRefill how often one more write becomes allowed after the burst is used up
 * @param rewards the products members may redeem their points for themselves ({@code POST /me/points/redeem}), each
 *     at its price in points; none by default
 */
@ConfigurationProperties("memberhub.self-service")
public record SelfServiceProperties(
        @DefaultValue("20") int writeBurst, @DefaultValue("3s") Duration writeRefill, List<Reward> rewards) {

    public SelfServiceProperties {
        rewards = rewards == null ? List.of() : List.copyOf(rewards);
        Set<String> ids = new HashSet<>();
        for (Reward reward : rewards) {
            if (!ids.add(reward.productId())) {
                throw new IllegalArgumentException(
                        "memberhub.self-service.rewards: product id " + reward.productId() + " appears twice");
            }
        }
    }

    /** The reward with this product id, if members may redeem it. */
    public Optional<Reward> reward(String productId) {
        return rewards.stream()
                .filter(reward -> reward.productId().equals(productId))
                .findFirst();
    }

    /**
     * A product members may redeem: its id (what the redemption records), its name (and, for Chinese callers, its
     * Chinese name when one is set) and its price in points.
     */
    public record Reward(String productId, String name, String nameZh, long points) {

        public Reward {
            if (productId == null || !productId.matches(OrderRules.REFERENCE)) {
                throw new IllegalArgumentException(
                        "memberhub.self-service.rewards: product id must match " + OrderRules.REFERENCE);
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("memberhub.self-service.rewards: " + productId + " needs a name");
            }
            if (points <= 0) {
                throw new IllegalArgumentException(
                        "memberhub.self-service.rewards: " + productId + " must cost a positive number of points");
            }
        }
    }
}
