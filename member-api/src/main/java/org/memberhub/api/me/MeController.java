package org.memberhub.api.me;

import static org.memberhub.kernel.error.ErrorCode.ACTIVITY_CLOSED;
import static org.memberhub.kernel.error.ErrorCode.ACTIVITY_FULL;
import static org.memberhub.kernel.error.ErrorCode.ACTIVITY_LEVEL_NOT_ELIGIBLE;
import static org.memberhub.kernel.error.ErrorCode.ACTIVITY_NOT_FOUND;
import static org.memberhub.kernel.error.ErrorCode.ACTIVITY_NOT_OPEN;
import static org.memberhub.kernel.error.ErrorCode.ACTIVITY_OUTSIDE_WINDOW;
import static org.memberhub.kernel.error.ErrorCode.BENEFIT_NOT_FOR_SALE;
import static org.memberhub.kernel.error.ErrorCode.BENEFIT_NOT_FOUND;
import static org.memberhub.kernel.error.ErrorCode.BENEFIT_RETIRED;
import static org.memberhub.kernel.error.ErrorCode.CONCURRENT_MODIFICATION;
import static org.memberhub.kernel.error.ErrorCode.DEDUCTION_LIMIT_EXCEEDED;
import static org.memberhub.kernel.error.ErrorCode.IDEMPOTENCY_CONFLICT;
import static org.memberhub.kernel.error.ErrorCode.INSUFFICIENT_POINTS;
import static org.memberhub.kernel.error.ErrorCode.INVALID_POINTS;
import static org.memberhub.kernel.error.ErrorCode.INVALID_REFERENCE;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_DELETED;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_FROZEN;
import static org.memberhub.kernel.error.ErrorCode.UNKNOWN_ORDER;
import static org.memberhub.kernel.member.ProfileRules.ADDRESS_MAX_LENGTH;
import static org.memberhub.kernel.member.ProfileRules.EMAIL_MAX_LENGTH;
import static org.memberhub.kernel.member.ProfileRules.NAME_MAX_LENGTH;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.api.docs.Refuses;
import org.memberhub.api.error.ApiException;
import org.memberhub.api.error.ProblemCodes;
import org.memberhub.api.level.LevelDescriber;
import org.memberhub.api.level.LevelResponse;
import org.memberhub.api.points.LotsResponse;
import org.memberhub.api.points.LoyaltyReads;
import org.memberhub.api.points.LoyaltyResponse;
import org.memberhub.api.points.PointsResponse;
import org.memberhub.api.validation.Birthday;
import org.memberhub.api.validation.EmailAddress;
import org.memberhub.api.validation.TimeZoneId;
import org.memberhub.api.web.Commands;
import org.memberhub.api.web.Consistency;
import org.memberhub.kernel.activity.ActivityId;
import org.memberhub.kernel.activity.FindMemberActivitiesQuery;
import org.memberhub.kernel.activity.JoinActivityCommand;
import org.memberhub.kernel.activity.JoinDecision;
import org.memberhub.kernel.activity.MemberActivity;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BuyBenefitCommand;
import org.memberhub.kernel.benefit.FindMemberBenefitsQuery;
import org.memberhub.kernel.benefit.MemberBenefitView;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.level.MemberLevelView;
import org.memberhub.kernel.loyalty.LoyaltyOutcome;
import org.memberhub.kernel.member.ChangeOwnProfileCommand;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.kernel.points.EarnPointsCommand;
import org.memberhub.kernel.points.EarnType;
import org.memberhub.kernel.points.LedgerPage;
import org.memberhub.kernel.points.OrderRules;
import org.memberhub.kernel.points.SpendOnPurchaseCommand;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Self-service for the member behind the token. The member is the one its token is bound to (the
 * {@code member_id} claim); no request names a member, so none can reach another. Staff-only data (notes, tags,
 * external reference, who acted and why) is not shown.
 */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Self-service", description = "The member behind the token")
@Refuses(MEMBER_DELETED)
class MeController {

    private final Commands commands;
    private final QueryGateway queries;
    private final LoyaltyReads reads;
    private final LevelDescriber levels;
    private final Clock clock;
    private final TokenMember self;

    MeController(
            Commands commands,
            QueryGateway queries,
            LoyaltyReads reads,
            LevelDescriber levels,
            Clock clock,
            TokenMember self) {
        this.commands = commands;
        this.queries = queries;
        this.reads = reads;
        this.levels = levels;
        this.clock = clock;
        this.self = self;
    }

    @GetMapping
    @Operation(summary = "My profile")
    ResponseEntity<MyProfile> profile(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        MemberView member = self.member(token, Consistency.parse(consistencyToken));
        return ResponseEntity.ok().eTag(Consistency.etag(member.version())).body(MyProfile.of(member, clock));
    }

    @PutMapping
    @Operation(
            summary = "Change my profile",
            description = "Mobile number, tags and notes stay as they are. An e-mail address that cannot be used"
                    + " answers 409 EMAIL_UNAVAILABLE without saying why; self-service writes are rate-limited per"
                    + " member (429 RATE_LIMITED with Retry-After).")
    @Refuses(value = CONCURRENT_MODIFICATION, conflict = ProblemCodes.EMAIL_UNAVAILABLE)
    ResponseEntity<MyProfile> changeProfile(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody MyProfileRequest request) {
        MemberView member;
        try {
            member = commands.send(new ChangeOwnProfileCommand(
                    self.id(token),
                    request.name(),
                    request.email(),
                    request.gender(),
                    request.birthday(),
                    request.locale(),
                    request.address(),
                    request.timeZone(),
                    Consistency.expectedVersion(ifMatch)));
        } catch (DomainException refused) {
            if (refused.code() == ErrorCode.DUPLICATE_EMAIL) {
                // staff learn which address clashes; a member learns only that this one cannot be used
                throw new ApiException(HttpStatus.CONFLICT, ProblemCodes.EMAIL_UNAVAILABLE);
            }
            throw refused;
        }
        return ResponseEntity.ok()
                .headers(Consistency.decisionHeaders(new ConsistencyToken(member.id(), member.version())))
                .body(MyProfile.of(member, clock));
    }

    @GetMapping("/points")
    @Operation(summary = "My points")
    PointsResponse points(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        return PointsResponse.of(self.read(token, me -> reads.points(me, Consistency.parse(consistencyToken))));
    }

    @GetMapping("/points/lots")
    @Operation(summary = "My open lots and what expires when")
    LotsResponse lots(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        return LotsResponse.of(
                self.read(token, me -> reads.lots(me, Consistency.parse(consistencyToken))), clock.instant());
    }

    @GetMapping("/points/ledger")
    @Operation(summary = "Every change of my points, newest first")
    MyLedger ledger(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        return MyLedger.of(self.read(token, me -> reads.ledger(me, page, size, Consistency.parse(consistencyToken))));
    }

    @GetMapping("/level")
    @Operation(summary = "My level and what the next one takes")
    ResponseEntity<LevelResponse> level(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        MemberLevelView view = self.read(token, me -> reads.level(me, Consistency.parse(consistencyToken)));
        return ResponseEntity.ok().eTag(Consistency.etag(view.version())).body(LevelResponse.forMember(view, levels));
    }

    @PostMapping("/check-in")
    @Operation(summary = "Check in for today's points (once a day)")
    @Refuses({MEMBER_FROZEN, CONCURRENT_MODIFICATION})
    ResponseEntity<LoyaltyResponse> checkIn(@AuthenticationPrincipal Jwt token) {
        MemberId me = self.id(token);
        return decided(me, commands.send(new EarnPointsCommand(me, EarnType.CHECK_IN, null)));
    }

    @PostMapping("/points/spend")
    @Operation(
            summary = "Pay part of one of my orders with my points",
            description = "The order must be a purchase recorded for me; at most the configured share of its amount"
                    + " (less refunds) can be paid with points. Points for orders not yet placed are deducted by the"
                    + " order service at checkout.")
    @Refuses({
        MEMBER_FROZEN,
        INVALID_POINTS,
        INVALID_REFERENCE,
        UNKNOWN_ORDER,
        INSUFFICIENT_POINTS,
        DEDUCTION_LIMIT_EXCEEDED,
        IDEMPOTENCY_CONFLICT,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<LoyaltyResponse> spend(
            @AuthenticationPrincipal Jwt token, @Valid @RequestBody SpendRequest request) {
        MemberId me = self.id(token);
        return decided(me, commands.send(new SpendOnPurchaseCommand(me, request.orderId(), request.points())));
    }

    @GetMapping("/benefits")
    @Operation(summary = "My benefits", description = "Those my level gets, with uses left, and those I can buy")
    List<MemberBenefitView> benefits(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        ConsistencyToken awaiting = Consistency.parse(consistencyToken);
        MemberId me = self.read(token, member -> {
            reads.requireReadable(member, awaiting);
            return member;
        });
        return queries.query(
                        new FindMemberBenefitsQuery(me, awaiting),
                        ResponseTypes.multipleInstancesOf(MemberBenefitView.class))
                .join();
    }

    @PostMapping("/benefits/{benefitId}/buy")
    @Operation(summary = "Buy one use of a benefit with my points")
    @Refuses({
        MEMBER_FROZEN,
        INVALID_REFERENCE,
        BENEFIT_NOT_FOUND,
        BENEFIT_RETIRED,
        BENEFIT_NOT_FOR_SALE,
        INSUFFICIENT_POINTS,
        IDEMPOTENCY_CONFLICT,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<LoyaltyResponse> buyBenefit(
            @AuthenticationPrincipal Jwt token,
            @PathVariable BenefitId benefitId,
            @Valid @RequestBody BuyBenefitRequest request) {
        MemberId me = self.id(token);
        return decided(me, commands.send(new BuyBenefitCommand(me, benefitId, request.purchaseId())));
    }

    @GetMapping("/activities")
    @Operation(summary = "The activities I joined, the latest first")
    List<MemberActivity> activities(@AuthenticationPrincipal Jwt token) {
        return queries.query(
                        new FindMemberActivitiesQuery(self.readable(token)),
                        ResponseTypes.multipleInstancesOf(MemberActivity.class))
                .join();
    }

    @PostMapping("/activities/{activityId}/join")
    @Operation(summary = "Join an activity", description = "Once: joining again answers the first decision")
    @Refuses({
        ACTIVITY_NOT_FOUND,
        MEMBER_FROZEN,
        ACTIVITY_NOT_OPEN,
        ACTIVITY_CLOSED,
        ACTIVITY_OUTSIDE_WINDOW,
        ACTIVITY_LEVEL_NOT_ELIGIBLE,
        ACTIVITY_FULL,
        CONCURRENT_MODIFICATION
    })
    JoinDecision join(@AuthenticationPrincipal Jwt token, @PathVariable ActivityId activityId) {
        return commands.send(new JoinActivityCommand(activityId, self.id(token)));
    }

    /** Identifies a purchase of a benefit; the same id again changes nothing. */
    record BuyBenefitRequest(@NotBlank @Pattern(regexp = OrderRules.REFERENCE) String purchaseId) {}

    private ResponseEntity<LoyaltyResponse> decided(MemberId me, LoyaltyOutcome<?> outcome) {
        return SelfServiceDecisions.decided(me, outcome, levels);
    }

    @Schema(name = "MyProfileInput")
    record MyProfileRequest(
            @NotBlank @Size(max = NAME_MAX_LENGTH) @Pattern(regexp = "[^\\p{Cntrl}]*") String name,
            @Size(max = EMAIL_MAX_LENGTH) @EmailAddress String email,
            Gender gender,
            @Birthday LocalDate birthday,
            @Schema(
                            type = "string",
                            allowableValues = {"zh-CN", "en"})
                    MemberLocale locale,
            @Size(max = ADDRESS_MAX_LENGTH) String address,
            @TimeZoneId String timeZone) {}

    @Schema(name = "MySpendInput")
    record SpendRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}") String orderId,
            @NotNull @Min(1) @Max(100_000_000) Long points) {}

    /** A member's ledger without what is internal to staff (who acted, why, correlation). */
    record MyLedger(List<Entry> items, int page, int size, long total) {

        record Entry(
                long sequence,
                Instant occurredAt,
                String type,
                String source,
                String reference,
                long availableChange,
                long pendingChange,
                Integer lotNo) {}

        static MyLedger of(LedgerPage page) {
            return new MyLedger(
                    page.items().stream()
                            .map(entry -> new Entry(
                                    entry.sequence(),
                                    entry.occurredAt(),
                                    entry.type(),
                                    entry.source(),
                                    entry.reference(),
                                    entry.availableChange(),
                                    entry.pendingChange(),
                                    entry.lotNo()))
                            .toList(),
                    page.page(),
                    page.size(),
                    page.total());
        }
    }
}
