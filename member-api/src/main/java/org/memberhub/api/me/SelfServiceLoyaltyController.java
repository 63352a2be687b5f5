package org.memberhub.api.me;

import static org.memberhub.kernel.error.ErrorCode.BENEFIT_NOT_FOUND;
import static org.memberhub.kernel.error.ErrorCode.BENEFIT_NOT_GRANTED;
import static org.memberhub.kernel.error.ErrorCode.BENEFIT_QUOTA_EXHAUSTED;
import static org.memberhub.kernel.error.ErrorCode.BENEFIT_RETIRED;
import static org.memberhub.kernel.error.ErrorCode.CONCURRENT_MODIFICATION;
import static org.memberhub.kernel.error.ErrorCode.IDEMPOTENCY_CONFLICT;
import static org.memberhub.kernel.error.ErrorCode.INSUFFICIENT_POINTS;
import static org.memberhub.kernel.error.ErrorCode.INVALID_REFERENCE;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_DELETED;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_FROZEN;
import static org.memberhub.kernel.error.ErrorCode.UNKNOWN_PRODUCT;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.api.docs.Refuses;
import org.memberhub.api.level.LevelDescriber;
import org.memberhub.api.level.LevelResponse;
import org.memberhub.api.level.LevelSummary;
import org.memberhub.api.points.LotsResponse;
import org.memberhub.api.points.LoyaltyReads;
import org.memberhub.api.points.LoyaltyResponse;
import org.memberhub.api.points.PointsResponse;
import org.memberhub.api.web.Commands;
import org.memberhub.api.web.Consistency;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.FindMemberBenefitsQuery;
import org.memberhub.kernel.benefit.MemberBenefitView;
import org.memberhub.kernel.benefit.UseBenefitCommand;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.level.FindMemberLevelQuery;
import org.memberhub.kernel.level.MemberLevelView;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.kernel.points.FindPointsLotsQuery;
import org.memberhub.kernel.points.FindPointsQuery;
import org.memberhub.kernel.points.LotList;
import org.memberhub.kernel.points.LotView;
import org.memberhub.kernel.points.OrderRules;
import org.memberhub.kernel.points.PointsView;
import org.memberhub.kernel.points.RedeemPointsCommand;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a member does with its points and benefits by itself: redeems the configured rewards, uses the benefits its
 * level gets, and reads its whole loyalty picture in one call. Every write is the back office's command for the
 * token's member, so the same rules decide it.
 */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Self-service", description = "The member behind the token")
@Refuses(MEMBER_DELETED)
class SelfServiceLoyaltyController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Commands commands;
    private final QueryGateway queries;
    private final LoyaltyReads reads;
    private final LevelDescriber levels;
    private final Clock clock;
    private final TokenMember self;
    private final SelfServiceProperties properties;

    SelfServiceLoyaltyController(
            Commands commands,
            QueryGateway queries,
            LoyaltyReads reads,
            LevelDescriber levels,
            Clock clock,
            TokenMember self,
            SelfServiceProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.reads = reads;
        this.levels = levels;
        this.clock = clock;
        this.self = self;
        this.properties = properties;
    }

    @GetMapping("/rewards")
    @Operation(
            summary = "The products I can redeem my points for",
            description = "Each with its price in points and whether my available points pay it now")
    List<Reward> rewards(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        PointsView points = self.read(token, me -> reads.points(me, Consistency.parse(consistencyToken)));
        return rewards(points.balance().available());
    }

    @PostMapping("/points/redeem")
    @Operation(
            summary = "Redeem my points for a product",
            description = "The product must be one of GET /me/rewards; it costs the points listed there. Send an"
                    + " Idempotency-Key to make retries safe: the same key again answers the first decision with"
                    + " \"duplicate\": true; without one every request is a new redemption.")
    @Refuses({
        MEMBER_FROZEN,
        INVALID_REFERENCE,
        UNKNOWN_PRODUCT,
        INSUFFICIENT_POINTS,
        IDEMPOTENCY_CONFLICT,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<LoyaltyResponse> redeem(
            @AuthenticationPrincipal Jwt token,
            @Parameter(description = "identifies this redemption; the same key again changes nothing")
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    @Pattern(regexp = OrderRules.REFERENCE)
                    String idempotencyKey,
            @Valid @RequestBody RedeemRequest request) {
        MemberId me = self.id(token);
        SelfServiceProperties.Reward reward = properties
                .reward(request.productId())
                .orElseThrow(() -> new DomainException(UNKNOWN_PRODUCT, request.productId()));
        String redemptionId = idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey;
        return SelfServiceDecisions.decided(
                me,
                commands.send(new RedeemPointsCommand(me, redemptionId, reward.productId(), reward.points())),
                levels);
    }

    @PostMapping("/benefits/{benefitId}/use")
    @Operation(
            summary = "Use a benefit my level gets",
            description = "Counted against its quota; the same use id again changes nothing")
    @Refuses({
        MEMBER_FROZEN,
        INVALID_REFERENCE,
        BENEFIT_NOT_FOUND,
        BENEFIT_RETIRED,
        BENEFIT_NOT_GRANTED,
        BENEFIT_QUOTA_EXHAUSTED,
        IDEMPOTENCY_CONFLICT,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<LoyaltyResponse> useBenefit(
            @AuthenticationPrincipal Jwt token,
            @PathVariable BenefitId benefitId,
            @Valid @RequestBody UseBenefitRequest request) {
        MemberId me = self.id(token);
        return SelfServiceDecisions.decided(
                me, commands.send(new UseBenefitCommand(me, benefitId, request.useId())), levels);
    }

    @GetMapping("/overview")
    @Operation(
            summary = "Everything about me at once, for a member app",
            description = "My profile; my level with its terms and progress to the next level; my points balances and"
                    + " what expires soon; the benefits I hold or can buy, with uses left; the rewards I can redeem."
                    + " With X-Consistency-Token every part reflects that change.")
    Overview overview(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        ConsistencyToken awaiting = Consistency.parse(consistencyToken);
        MemberView member = self.member(token, awaiting);
        MemberId me = member.id();
        var level = queries.query(
                new FindMemberLevelQuery(me, awaiting), ResponseTypes.optionalInstanceOf(MemberLevelView.class));
        var points =
                queries.query(new FindPointsQuery(me, awaiting), ResponseTypes.optionalInstanceOf(PointsView.class));
        var lots = queries.query(new FindPointsLotsQuery(me, awaiting), LotList.class);
        var benefits = queries.query(
                new FindMemberBenefitsQuery(me, awaiting), ResponseTypes.multipleInstancesOf(MemberBenefitView.class));

        Instant now = clock.instant();
        PointsView balance = points.join().orElse(null);
        List<LotView> open = lots.join().lots();
        return new Overview(
                MyProfile.of(member, clock),
                level.join()
                        .map(view -> LevelResponse.forMember(view, levels).level())
                        .orElse(null),
                balance == null ? null : PointsResponse.of(balance),
                ExpiringSoon.of(open, now),
                benefits.join().stream()
                        .filter(benefit -> benefit.granted() || benefit.buyable())
                        .toList(),
                rewards(balance == null ? 0 : balance.balance().available()));
    }

    private List<Reward> rewards(long available) {
        boolean chinese = Locale.CHINESE
                .getLanguage()
                .equals(LocaleContextHolder.getLocale().getLanguage());
        return properties.rewards().stream()
                .map(reward -> new Reward(
                        reward.productId(),
                        chinese && reward.nameZh() != null ? reward.nameZh() : reward.name(),
                        reward.points(),
                        available >= reward.points()))
                .toList();
    }

    @Schema(name = "MyRedeemInput")
    record RedeemRequest(
            @Schema(description = "a product id of GET /me/rewards") @NotBlank @Pattern(regexp = OrderRules.REFERENCE)
                    String productId) {}

    @Schema(name = "MyBenefitUseInput")
    record UseBenefitRequest(
            @Schema(description = "identifies this use; the same id again changes nothing")
                    @NotBlank
                    @Pattern(regexp = OrderRules.REFERENCE)
                    String useId) {}

    /** A product a member may redeem, in the caller's language, and whether its available points pay it now. */
    @Schema(name = "MyReward")
    record Reward(String productId, String name, long points, boolean affordable) {}

    /**
     * Available points that expire within 30 and 90 days, and the next expiry: when it is and how many points it
     * takes (null when no available points expire).
     */
    record ExpiringSoon(long within30Days, long within90Days, NextExpiry next) {

        record NextExpiry(Instant expiresAt, long points) {}

        static ExpiringSoon of(List<LotView> lots, Instant now) {
            LotsResponse windows = LotsResponse.of(lots, now);
            NextExpiry next = lots.stream()
                    .filter(lot -> !lot.pending() && lot.remaining() > 0)
                    .map(LotView::expiresAt)
                    .min(Comparator.naturalOrder())
                    .map(first -> new NextExpiry(
                            first,
                            lots.stream()
                                    .filter(lot ->
                                            !lot.pending() && lot.expiresAt().equals(first))
                                    .mapToLong(LotView::remaining)
                                    .sum()))
                    .orElse(null);
            return new ExpiringSoon(windows.expiringWithin30Days(), windows.expiringWithin90Days(), next);
        }
    }

    /**
     * A member's whole loyalty picture. {@code level} and {@code points} are null only for a member registered so
     * recently that their read models have not seen it yet (send the registration's X-Consistency-Token to wait).
     */
    @Schema(name = "MyOverview")
    record Overview(
            MyProfile profile,
            LevelSummary level,
            PointsResponse points,
            ExpiringSoon expiringSoon,
            List<MemberBenefitView> benefits,
            List<Reward> rewards) {}
}
