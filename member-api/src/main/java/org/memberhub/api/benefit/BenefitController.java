package org.memberhub.api.benefit;

import static org.memberhub.kernel.error.ErrorCode.BENEFIT_ALREADY_EXISTS;
import static org.memberhub.kernel.error.ErrorCode.BENEFIT_NOT_FOR_SALE;
import static org.memberhub.kernel.error.ErrorCode.BENEFIT_NOT_FOUND;
import static org.memberhub.kernel.error.ErrorCode.BENEFIT_NOT_GRANTED;
import static org.memberhub.kernel.error.ErrorCode.BENEFIT_QUOTA_EXHAUSTED;
import static org.memberhub.kernel.error.ErrorCode.BENEFIT_RETIRED;
import static org.memberhub.kernel.error.ErrorCode.CONCURRENT_MODIFICATION;
import static org.memberhub.kernel.error.ErrorCode.IDEMPOTENCY_CONFLICT;
import static org.memberhub.kernel.error.ErrorCode.INSUFFICIENT_POINTS;
import static org.memberhub.kernel.error.ErrorCode.INVALID_BENEFIT;
import static org.memberhub.kernel.error.ErrorCode.INVALID_REFERENCE;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_DELETED;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_FROZEN;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_NOT_FOUND;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.api.docs.Refuses;
import org.memberhub.api.error.ApiException;
import org.memberhub.api.error.ProblemCodes;
import org.memberhub.api.level.LevelDescriber;
import org.memberhub.api.points.LoyaltyReads;
import org.memberhub.api.points.LoyaltyResponse;
import org.memberhub.api.web.Commands;
import org.memberhub.api.web.Consistency;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitView;
import org.memberhub.kernel.benefit.BuyBenefitCommand;
import org.memberhub.kernel.benefit.ChangeBenefitCommand;
import org.memberhub.kernel.benefit.CreateBenefitCommand;
import org.memberhub.kernel.benefit.FindBenefitQuery;
import org.memberhub.kernel.benefit.FindBenefitsQuery;
import org.memberhub.kernel.benefit.FindMemberBenefitsQuery;
import org.memberhub.kernel.benefit.MemberBenefitView;
import org.memberhub.kernel.benefit.RetireBenefitCommand;
import org.memberhub.kernel.benefit.UseBenefitCommand;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.loyalty.LoyaltyOutcome;
import org.memberhub.kernel.member.MemberId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benefit catalogue (managed at run time, every change an event) and members' benefits: those their level gets,
 * uses counted against quotas, and purchases with points.
 */
@RestController
@Tag(name = "Benefits", description = "Benefit catalogue, members' benefits, uses and purchases")
class BenefitController {

    private static final String IF_MATCH = "If-Match";

    private final Commands commands;
    private final QueryGateway queries;
    private final LevelDescriber levels;
    private final LoyaltyReads reads;

    BenefitController(Commands commands, QueryGateway queries, LevelDescriber levels, LoyaltyReads reads) {
        this.reads = reads;
        this.commands = commands;
        this.queries = queries;
        this.levels = levels;
    }

    @GetMapping("/api/v1/benefits")
    @Operation(summary = "The benefit catalogue", description = "Active benefits; retired ones too with retired=true")
    List<BenefitView> list(@RequestParam(defaultValue = "false") boolean retired) {
        return queries.query(new FindBenefitsQuery(retired), ResponseTypes.multipleInstancesOf(BenefitView.class))
                .join();
    }

    @GetMapping("/api/v1/benefits/{benefitId}")
    @Operation(summary = "One benefit")
    @Refuses({BENEFIT_NOT_FOUND})
    ResponseEntity<BenefitView> get(@PathVariable BenefitId benefitId) {
        BenefitView benefit = queries.query(
                        new FindBenefitQuery(benefitId), ResponseTypes.optionalInstanceOf(BenefitView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.BENEFIT_NOT_FOUND, benefitId.value()));
        return ResponseEntity.ok().eTag(Consistency.etag(benefit.version())).body(benefit);
    }

    @PostMapping("/api/v1/benefits")
    @Operation(summary = "Add a benefit to the catalogue", description = "Its id is the code given in the body")
    @ResponseStatus(HttpStatus.CREATED)
    @Refuses({INVALID_BENEFIT, BENEFIT_ALREADY_EXISTS})
    ResponseEntity<BenefitView> create(@Valid @RequestBody BenefitRequests.Terms request) {
        if (request.id() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_FIELD_VALUE, "id");
        }
        BenefitView created = commands.send(new CreateBenefitCommand(BenefitId.of(request.id()), request.toTerms()));
        return ResponseEntity.created(URI.create("/api/v1/benefits/" + created.id()))
                .eTag(Consistency.etag(created.version()))
                .body(created);
    }

    @PutMapping("/api/v1/benefits/{benefitId}")
    @Operation(
            summary = "Change a benefit's terms",
            description = "The type stays; with If-Match, refused (412) unless it names the current version")
    @Refuses({BENEFIT_NOT_FOUND, INVALID_BENEFIT, BENEFIT_RETIRED, CONCURRENT_MODIFICATION})
    ResponseEntity<BenefitView> change(
            @PathVariable BenefitId benefitId,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody BenefitRequests.Terms request) {
        if (request.id() != null && !request.id().equals(benefitId.value())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_FIELD_VALUE, "id");
        }
        BenefitView changed = commands.send(
                new ChangeBenefitCommand(benefitId, request.toTerms(), Consistency.expectedVersion(ifMatch)));
        return ResponseEntity.ok().eTag(Consistency.etag(changed.version())).body(changed);
    }

    @PostMapping("/api/v1/benefits/{benefitId}/retire")
    @Operation(summary = "Retire a benefit for good", description = "Nobody gets, uses or buys it any more")
    @Refuses({BENEFIT_NOT_FOUND, BENEFIT_RETIRED, CONCURRENT_MODIFICATION})
    ResponseEntity<BenefitView> retire(
            @PathVariable BenefitId benefitId,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) BenefitRequests.Retire request) {
        BenefitView retired = commands.send(new RetireBenefitCommand(
                benefitId, request == null ? null : request.reason(), Consistency.expectedVersion(ifMatch)));
        return ResponseEntity.ok().eTag(Consistency.etag(retired.version())).body(retired);
    }

    @GetMapping("/api/v1/members/{id}/benefits")
    @Operation(
            summary = "A member's benefits",
            description = "Active benefits the member's level gets, with free uses left in the quota period, and "
                    + "those the member can buy")
    @Refuses({MEMBER_NOT_FOUND, MEMBER_DELETED})
    List<MemberBenefitView> ofMember(
            @PathVariable MemberId id,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        ConsistencyToken awaiting = Consistency.parse(consistencyToken);
        reads.requireReadable(id, awaiting);
        return queries.query(
                        new FindMemberBenefitsQuery(id, awaiting),
                        ResponseTypes.multipleInstancesOf(MemberBenefitView.class))
                .join();
    }

    @PostMapping("/api/v1/members/{id}/benefits/{benefitId}/use")
    @Operation(summary = "Use a benefit of the member's level", description = "Counted against its quota")
    @Refuses({
        MEMBER_NOT_FOUND,
        MEMBER_DELETED,
        MEMBER_FROZEN,
        INVALID_REFERENCE,
        BENEFIT_NOT_FOUND,
        BENEFIT_RETIRED,
        BENEFIT_NOT_GRANTED,
        BENEFIT_QUOTA_EXHAUSTED,
        IDEMPOTENCY_CONFLICT,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<LoyaltyResponse> use(
            @PathVariable MemberId id,
            @PathVariable BenefitId benefitId,
            @Valid @RequestBody BenefitRequests.Use request) {
        return decided(id, commands.send(new UseBenefitCommand(id, benefitId, request.useId())));
    }

    @PostMapping("/api/v1/members/{id}/benefits/{benefitId}/buy")
    @Operation(summary = "Buy one use of a benefit with the member's points")
    @Refuses({
        MEMBER_NOT_FOUND,
        MEMBER_DELETED,
        MEMBER_FROZEN,
        INVALID_REFERENCE,
        BENEFIT_NOT_FOUND,
        BENEFIT_RETIRED,
        BENEFIT_NOT_FOR_SALE,
        INSUFFICIENT_POINTS,
        IDEMPOTENCY_CONFLICT,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<LoyaltyResponse> buy(
            @PathVariable MemberId id,
            @PathVariable BenefitId benefitId,
            @Valid @RequestBody BenefitRequests.Buy request) {
        return decided(id, commands.send(new BuyBenefitCommand(id, benefitId, request.purchaseId())));
    }

    private ResponseEntity<LoyaltyResponse> decided(MemberId id, LoyaltyOutcome<?> outcome) {
        return ResponseEntity.ok()
                .headers(Consistency.decisionHeaders(new ConsistencyToken(id, outcome.version())))
                .body(LoyaltyResponse.of(outcome, levels));
    }
}
