package org.memberhub.config;

import java.math.BigDecimal;
import java.util.List;
import org.memberhub.kernel.loyalty.LevelRule;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.loyalty.TimeSpan;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The loyalty rules as configured under {@code memberhub.loyalty}; every setting defaults to SPEC §3. Spans are
 * ISO-8601 periods ({@code P7D}, {@code P2Y}) or durations ({@code PT5S}).
 *
 * @param levels the levels in ascending order (level, nameZh, nameEn, threshold in yuan, discount as the share of
 *     the price paid, pointsMultiplier); empty means the SPEC's five levels
 */
@ConfigurationProperties("memberhub.loyalty")
public record LoyaltyProperties(
        List<LevelRule> levels,
        @DefaultValue("1") BigDecimal purchasePointsPerYuan,
        @DefaultValue("P7D") TimeSpan returnWindow,
        @DefaultValue("P2Y") TimeSpan lotLifetime,
        @DefaultValue("10") long reviewPoints,
        @DefaultValue("5") long checkInPoints,
        @DefaultValue("100") long birthdayPoints,
        @DefaultValue("100") long pointsPerYuan,
        @DefaultValue("0.5") BigDecimal maxDeductionShare) {

    LoyaltyRules toRules(MemberHubProperties application) {
        return new LoyaltyRules(
                levels == null || levels.isEmpty() ? LoyaltyRules.DEFAULT_LEVELS : levels,
                purchasePointsPerYuan,
                returnWindow,
                lotLifetime,
                reviewPoints,
                checkInPoints,
                birthdayPoints,
                pointsPerYuan,
                maxDeductionShare,
                application.timeZone());
    }
}
