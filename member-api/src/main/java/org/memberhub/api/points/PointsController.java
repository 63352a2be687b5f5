package org.memberhub.api.points;

import static org.memberhub.kernel.error.ErrorCode.CONCURRENT_MODIFICATION;
import static org.memberhub.kernel.error.ErrorCode.DEDUCTION_LIMIT_EXCEEDED;
import static org.memberhub.kernel.error.ErrorCode.IDEMPOTENCY_CONFLICT;
import static org.memberhub.kernel.error.ErrorCode.INSUFFICIENT_POINTS;
import static org.memberhub.kernel.error.ErrorCode.INVALID_AMOUNT;
import static org.memberhub.kernel.error.ErrorCode.INVALID_POINTS;
import static org.memberhub.kernel.error.ErrorCode.INVALID_REFERENCE;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_DELETED;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_FROZEN;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_NOT_FOUND;
import static org.memberhub.kernel.error.ErrorCode.NOT_BIRTHDAY_MONTH;
import static org.memberhub.kernel.error.ErrorCode.NO_BIRTHDAY;
import static org.memberhub.kernel.error.ErrorCode.OCCURRED_IN_FUTURE;
import static org.memberhub.kernel.error.ErrorCode.ORDER_COMPLETED;
import static org.memberhub.kernel.error.ErrorCode.ORDER_FULLY_REFUNDED;
import static org.memberhub.kernel.error.ErrorCode.REFUND_EXCEEDS_PURCHASE;
import static org.memberhub.kernel.error.ErrorCode.UNKNOWN_ORDER;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.util.UUID;
import org.memberhub.api.docs.Refuses;
import org.memberhub.api.level.LevelDescriber;
import org.memberhub.api.web.Commands;
import org.memberhub.api.web.Consistency;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.loyalty.LoyaltyOutcome;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.AdjustPointsCommand;
import org.memberhub.kernel.points.CancelDeductionCommand;
import org.memberhub.kernel.points.EarnPointsCommand;
import org.memberhub.kernel.points.LedgerPage;
import org.memberhub.kernel.points.PointsView;
import org.memberhub.kernel.points.RecordPurchaseCommand;
import org.memberhub.kernel.points.RedeemPointsCommand;
import org.memberhub.kernel.points.RefundPurchaseCommand;
import org.memberhub.kernel.points.SpendPointsCommand;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Purchases, refunds and points of one member. Every command is idempotent by the id it carries (order, refund,
 * redemption, adjustment); sending it again answers with the first decision and {@code "duplicate": true}.
 */
@RestController
@RequestMapping("/api/v1/members/{id}")
@Tag(name = "Points", description = "Purchases, refunds, points balances, ledger and lots")
class PointsController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Commands commands;
    private final LoyaltyReads reads;
    private final LevelDescriber levels;
    private final Clock clock;

    PointsController(Commands commands, LoyaltyReads reads, LevelDescriber levels, Clock clock) {
        this.commands = commands;
        this.reads = reads;
        this.levels = levels;
        this.clock = clock;
    }

    @PostMapping("/purchases")
    @Operation(summary = "Record a paid order", description = "Earns purchase points, pending during the return window")
    @Refuses({
        MEMBER_NOT_FOUND,
        MEMBER_DELETED,
        INVALID_AMOUNT,
        OCCURRED_IN_FUTURE,
        IDEMPOTENCY_CONFLICT,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<LoyaltyResponse> purchase(
            @PathVariable MemberId id, @Valid @RequestBody LoyaltyRequests.Purchase request) {
        return decided(
                id,
                commands.send(new RecordPurchaseCommand(
                        id, request.orderId(), Money.ofYuan(request.amount()), request.occurredAt())));
    }

    @PostMapping("/refunds")
    @Operation(
            summary = "Record a (partial) refund of an order",
            description = "Takes back the order's points in proportion, and gives back the points spent on it in"
                    + " proportion, as lots keeping their original expiry")
    @Refuses({
        MEMBER_NOT_FOUND,
        MEMBER_DELETED,
        INVALID_AMOUNT,
        UNKNOWN_ORDER,
        REFUND_EXCEEDS_PURCHASE,
        IDEMPOTENCY_CONFLICT,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<LoyaltyResponse> refund(
            @PathVariable MemberId id, @Valid @RequestBody LoyaltyRequests.Refund request) {
        return decided(
                id,
                commands.send(new RefundPurchaseCommand(
                        id, request.refundId(), request.orderId(), Money.ofYuan(request.amount()))));
    }

    @PostMapping("/points/earn")
    @Operation(summary = "Earn review, check-in or birthday points")
    @Refuses({
        MEMBER_NOT_FOUND,
        MEMBER_DELETED,
        MEMBER_FROZEN,
        INVALID_REFERENCE,
        UNKNOWN_ORDER,
        ORDER_FULLY_REFUNDED,
        NO_BIRTHDAY,
        NOT_BIRTHDAY_MONTH,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<LoyaltyResponse> earn(@PathVariable MemberId id, @Valid @RequestBody LoyaltyRequests.Earn request) {
        return decided(id, commands.send(new EarnPointsCommand(id, request.type(), request.orderId())));
    }

    @PostMapping("/points/spend")
    @Operation(summary = "Pay part of an order with points", description = "100 points = 1 yuan by default")
    @Refuses({
        MEMBER_NOT_FOUND,
        MEMBER_DELETED,
        MEMBER_FROZEN,
        INVALID_AMOUNT,
        INVALID_POINTS,
        INVALID_REFERENCE,
        INSUFFICIENT_POINTS,
        DEDUCTION_LIMIT_EXCEEDED,
        IDEMPOTENCY_CONFLICT,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<LoyaltyResponse> spend(
            @PathVariable MemberId id, @Valid @RequestBody LoyaltyRequests.Spend request) {
        return decided(
                id,
                commands.send(new SpendPointsCommand(
                        id, request.orderId(), Money.ofYuan(request.orderAmount()), request.points())));
    }

    @PostMapping("/points/spend/{orderId}/cancel")
    @Operation(
            summary = "Cancel the points deduction of an order that never completed",
            description = "Gives back everything spent on the order, as lots keeping their original expiry (a lot"
                    + " expired meanwhile comes back expired); an order with a recorded purchase is refused, its"
                    + " refunds give the points back; cancelling again answers the first decision")
    @Refuses({
        MEMBER_NOT_FOUND,
        MEMBER_DELETED,
        INVALID_REFERENCE,
        UNKNOWN_ORDER,
        ORDER_COMPLETED,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<LoyaltyResponse> cancelDeduction(@PathVariable MemberId id, @PathVariable String orderId) {
        return decided(id, commands.send(new CancelDeductionCommand(id, orderId)));
    }

    @PostMapping("/points/redeem")
    @Operation(summary = "Exchange points for a product")
    @Refuses({
        MEMBER_NOT_FOUND,
        MEMBER_DELETED,
        MEMBER_FROZEN,
        INVALID_POINTS,
        INVALID_REFERENCE,
        INSUFFICIENT_POINTS,
        IDEMPOTENCY_CONFLICT,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<LoyaltyResponse> redeem(
            @PathVariable MemberId id, @Valid @RequestBody LoyaltyRequests.Redeem request) {
        return decided(
                id,
                commands.send(
                        new RedeemPointsCommand(id, request.redemptionId(), request.productId(), request.points())));
    }

    @PostMapping("/points/adjust")
    @Operation(
            summary = "Add or remove points by staff decision",
            description = "Send an Idempotency-Key to make retries safe; without one every request is a new adjustment")
    @Refuses({
        MEMBER_NOT_FOUND,
        MEMBER_DELETED,
        INVALID_POINTS,
        INVALID_REFERENCE,
        INSUFFICIENT_POINTS,
        IDEMPOTENCY_CONFLICT,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<LoyaltyResponse> adjust(
            @PathVariable MemberId id,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Pattern(regexp = LoyaltyRequests.REFERENCE)
                    String idempotencyKey,
            @Valid @RequestBody LoyaltyRequests.Adjust request) {
        String adjustmentId = idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey;
        return decided(
                id, commands.send(new AdjustPointsCommand(id, adjustmentId, request.points(), request.reason())));
    }

    @GetMapping("/points")
    @Operation(summary = "A member's points balances")
    @Refuses({MEMBER_NOT_FOUND, MEMBER_DELETED})
    ResponseEntity<PointsResponse> points(
            @PathVariable MemberId id,
            @Parameter(description = "wait until the read model reflects this command response's token")
                    @RequestHeader(name = Consistency.HEADER, required = false)
                    String consistencyToken) {
        PointsView view = reads.points(id, Consistency.parse(consistencyToken));
        return ResponseEntity.ok().eTag(Consistency.etag(view.version())).body(PointsResponse.of(view));
    }

    @GetMapping("/points/ledger")
    @Operation(summary = "Every change of a member's points, newest first")
    @Refuses({MEMBER_NOT_FOUND, MEMBER_DELETED})
    LedgerPage ledger(
            @PathVariable MemberId id,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        return reads.ledger(id, page, size, Consistency.parse(consistencyToken));
    }

    @GetMapping("/points/lots")
    @Operation(summary = "A member's open lots, the first to expire (and to be spent) first")
    @Refuses({MEMBER_NOT_FOUND, MEMBER_DELETED})
    LotsResponse lots(
            @PathVariable MemberId id,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        return LotsResponse.of(reads.lots(id, Consistency.parse(consistencyToken)), clock.instant());
    }

    private ResponseEntity<LoyaltyResponse> decided(MemberId id, LoyaltyOutcome<?> outcome) {
        return ResponseEntity.ok()
                .headers(Consistency.decisionHeaders(new ConsistencyToken(id, outcome.version())))
                .body(LoyaltyResponse.of(outcome, levels));
    }
}
