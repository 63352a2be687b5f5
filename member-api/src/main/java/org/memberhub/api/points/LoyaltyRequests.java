package org.memberhub.api.points;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import org.memberhub.kernel.points.EarnType;
import org.memberhub.kernel.points.OrderRules;

/** Bodies of the purchase, refund and points commands. */
final class LoyaltyRequests {

    static final String REFERENCE = OrderRules.REFERENCE;
    static final String MAX_AMOUNT = OrderRules.MAX_AMOUNT;
    static final long MAX_POINTS = 100_000_000L;

    private LoyaltyRequests() {}

    @Schema(name = "PurchaseInput")
    record Purchase(
            @NotBlank @Pattern(regexp = REFERENCE) String orderId,
            @Schema(example = "600.00", description = "yuan, at most two decimals")
                    @NotNull
                    @DecimalMin("0.01")
                    @DecimalMax(MAX_AMOUNT)
                    @Digits(integer = 9, fraction = 2)
                    BigDecimal amount,
            @Schema(description = "CNY, the only currency accepted") @Pattern(regexp = "CNY") String currency,
            @Schema(description = "when the order was paid; defaults to now") Instant occurredAt) {}

    @Schema(name = "RefundInput")
    record Refund(
            @NotBlank @Pattern(regexp = REFERENCE) String refundId,
            @NotBlank @Pattern(regexp = REFERENCE) String orderId,
            @NotNull @DecimalMin("0.01") @DecimalMax(MAX_AMOUNT) @Digits(integer = 9, fraction = 2) BigDecimal amount,
            @Pattern(regexp = "CNY") String currency) {}

    @Schema(name = "EarnInput")
    record Earn(
            @NotNull EarnType type,
            @Schema(description = "the reviewed order, for REVIEW") @Pattern(regexp = REFERENCE) String orderId) {}

    @Schema(name = "SpendInput")
    record Spend(
            @NotBlank @Pattern(regexp = REFERENCE) String orderId,
            @NotNull @DecimalMin("0.01") @DecimalMax(MAX_AMOUNT) @Digits(integer = 9, fraction = 2)
                    BigDecimal orderAmount,
            @NotNull @Min(1) @Max(MAX_POINTS) Long points) {}

    @Schema(name = "RedeemInput")
    record Redeem(
            @NotBlank @Pattern(regexp = REFERENCE) String redemptionId,
            @NotBlank @Pattern(regexp = REFERENCE) String productId,
            @NotNull @Min(1) @Max(MAX_POINTS) Long points) {}

    @Schema(name = "AdjustPointsInput")
    record Adjust(
            @Schema(description = "points to add (positive) or remove (negative)")
                    @NotNull
                    @Min(-MAX_POINTS)
                    @Max(MAX_POINTS)
                    Long points,
            @NotBlank @Size(max = 500) String reason) {}
}
