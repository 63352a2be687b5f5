package org.memberhub.api.benefit;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
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
import java.util.List;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitRules;
import org.memberhub.kernel.benefit.BenefitTerms;
import org.memberhub.kernel.benefit.BenefitType;
import org.memberhub.kernel.benefit.Quota;
import org.memberhub.kernel.benefit.QuotaPeriod;
import org.memberhub.kernel.points.OrderRules;

/** Bodies of the benefit endpoints. */
final class BenefitRequests {

    static final String REFERENCE = OrderRules.REFERENCE;

    private BenefitRequests() {}

    @Schema(name = "BenefitInput")
    record Terms(
            @Schema(description = "the benefit's code, on creation only", example = "gold-gift")
                    @Pattern(regexp = BenefitId.PATTERN)
                    String id,
            @NotBlank @Size(max = BenefitRules.MAX_NAME) String nameZh,
            @NotBlank @Size(max = BenefitRules.MAX_NAME) String nameEn,
            @Size(max = BenefitRules.MAX_DESCRIPTION) String description,
            @NotNull BenefitType type,
            @Schema(
                            description = "DISCOUNT: share of the price paid (0.9 = 10 % off); POINTS_MULTIPLIER: "
                                    + "factor of purchase points; nothing for other types",
                            example = "0.9")
                    @DecimalMin("0.0001")
                    @DecimalMax("10")
                    @Digits(integer = 2, fraction = 4)
                    BigDecimal value,
            @Schema(description = "levels that get the benefit") @NotNull @Size(max = 20)
                    List<@NotNull @Min(1) @Max(99) Integer> levels,
            @Valid QuotaInput quota,
            @Schema(description = "points to buy one use; absent when it cannot be bought")
                    @Min(1)
                    @Max(BenefitRules.MAX_PRICE)
                    Long pointsPrice) {

        BenefitTerms toTerms() {
            return new BenefitTerms(
                    nameZh,
                    nameEn,
                    description,
                    type,
                    value,
                    levels,
                    quota == null ? null : new Quota(quota.uses(), quota.period()),
                    pointsPrice);
        }
    }

    @Schema(name = "QuotaInput")
    record QuotaInput(@NotNull @Min(1) @Max(BenefitRules.MAX_QUOTA) Integer uses, @NotNull QuotaPeriod period) {}

    @Schema(name = "RetireBenefitInput")
    record Retire(@Size(max = 500) String reason) {}

    @Schema(name = "UseBenefitInput")
    record Use(
            @Schema(description = "identifies this use; the same id again changes nothing")
                    @NotBlank
                    @Pattern(regexp = REFERENCE)
                    String useId) {}

    @Schema(name = "BuyBenefitInput")
    record Buy(
            @Schema(description = "identifies this purchase; the same id again changes nothing")
                    @NotBlank
                    @Pattern(regexp = REFERENCE)
                    String purchaseId) {}
}
