package org.memberhub.api.activity;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.memberhub.kernel.activity.ActivityRules;
import org.memberhub.kernel.activity.ActivityTerms;
import org.memberhub.kernel.member.MemberId;

/** Bodies of the activity endpoints. */
final class ActivityRequests {

    private ActivityRequests() {}

    @Schema(name = "ActivityInput")
    record Terms(
            @NotBlank @Size(max = ActivityRules.MAX_NAME) String name,
            @Size(max = ActivityRules.MAX_DESCRIPTION) String description,
            @Schema(description = "members may join from this instant") @NotNull Instant startsAt,
            @Schema(description = "until (excluding) this instant") @NotNull Instant endsAt,
            @Schema(description = "levels that may join; empty or absent for all") @Size(max = 20)
                    List<@NotNull @Min(1) @Max(99) Integer> levels,
            @NotNull @Min(1) @Max(ActivityRules.MAX_CAPACITY) Integer capacity,
            @Schema(description = "points credited on joining") @NotNull @Min(0) @Max(ActivityRules.MAX_REWARD)
                    Long rewardPoints) {

        ActivityTerms toTerms() {
            return new ActivityTerms(name, description, startsAt, endsAt, levels, capacity, rewardPoints);
        }
    }

    @Schema(name = "CloseActivityInput")
    record Close(@Size(max = 500) String reason) {}

    @Schema(name = "JoinActivityInput")
    record Join(@NotNull MemberId memberId) {}
}
