package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every kind of bad input gets a 4xx Problem Details answer with a stable code, shows nothing internal, and changes
 * nothing: no event is appended and the member it targets stays as it was.
 */
@PostgresIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private static final String MEMBERS = "/api/v1/members";
    private static final String TOKEN = "X-Consistency-Token";

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    private String existingId;
    private String existingMobile;
    private String existingEmail;
    private String deletedId;
    private String frozenId;
    private String fielderId;
    private String returnerId;

    @BeforeAll
    void members() {
        existingMobile = mobile();
        existingEmail = marker() + "@example.com";
        Response existing = api.post(MEMBERS, member("Existing", existingMobile, existingEmail));
        existingId = existing.json().get("id").asText();
        deletedId = api.post(MEMBERS, member("Deleted", mobile(), null))
                .json()
                .get("id")
                .asText();
        Response deleted = api.delete(MEMBERS + "/" + deletedId);
        assertThat(deleted.status()).isEqualTo(204);
        frozenId = api.post(MEMBERS, member("Frozen", mobile(), null))
                .json()
                .get("id")
                .asText();
        Response frozen = api.post(MEMBERS + "/" + frozenId + "/freeze", null);
        assertThat(frozen.status()).isEqualTo(200);
        fielderId = api.post(MEMBERS, member("Fielder", mobile(), null))
                .json()
                .get("id")
                .asText();
        Response bought =
                api.post(MEMBERS + "/" + existingId + "/purchases", "{\"orderId\":\"o-1\",\"amount\":100.00}");
        assertThat(bought.status()).isEqualTo(200);
        // a member of its own, so that the existing member's version stays what the If-Match cases expect
        returnerId = api.post(MEMBERS, member("Returner", mobile(), null))
                .json()
                .get("id")
                .asText();
        Response boughtAndReturned =
                api.post(MEMBERS + "/" + returnerId + "/purchases", "{\"orderId\":\"o-1\",\"amount\":50.00}");
        assertThat(boughtAndReturned.status()).isEqualTo(200);
        Response returned = api.post(
                MEMBERS + "/" + returnerId + "/refunds", "{\"refundId\":\"r-1\",\"orderId\":\"o-1\",\"amount\":50.00}");
        assertThat(returned.status()).isEqualTo(200);
        Response credited = api.post(
                MEMBERS + "/" + existingId + "/points/adjust",
                "{\"points\":50,\"reason\":\"welcome\"}",
                "Idempotency-Key",
                "adj-1");
        assertThat(credited.status()).isEqualTo(200);
        // the read model must show them all before the cases compare it with itself
        for (Response decision : new Response[] {existing, deleted, frozen, credited}) {
            assertThat(api.get(MEMBERS + "?size=1", TOKEN, decision.header(TOKEN))
                            .status())
                    .isEqualTo(200);
        }
    }

    Stream<Arguments> badRequests() {
        String unknownId = "0190f2a4-1c3e-7a00-8000-00000000beef";
        String valid = member("New", "13700000000", null);
        return Stream.of(
                bad("malformed JSON", "POST", MEMBERS, "{\"name\":\"x\",", 400, "MALFORMED_JSON"),
                bad("trailing garbage", "POST", MEMBERS, valid + "}", 400, "MALFORMED_JSON"),
                bad("missing body", "POST", MEMBERS, null, 400, "MISSING_BODY"),
                bad("empty body", "POST", MEMBERS, "", 400, "MISSING_BODY"),
                bad("array instead of object", "POST", MEMBERS, "[]", 400, "MALFORMED_JSON"),
                bad(
                        "unknown field",
                        "POST",
                        MEMBERS,
                        json("\"name\":\"x\",\"mobile\":\"13700000000\",\"vip\":true"),
                        400,
                        "UNKNOWN_FIELD"),
                bad(
                        "number for text",
                        "POST",
                        MEMBERS,
                        json("\"name\":123,\"mobile\":\"13700000000\""),
                        400,
                        "INVALID_FIELD_VALUE"),
                bad(
                        "text for list",
                        "POST",
                        MEMBERS,
                        json("\"name\":\"x\",\"mobile\":\"13700000000\",\"tags\":\"vip\""),
                        400,
                        "INVALID_FIELD_VALUE"),
                bad(
                        "object for text",
                        "POST",
                        MEMBERS,
                        json("\"name\":{},\"mobile\":\"13700000000\""),
                        400,
                        "INVALID_FIELD_VALUE"),
                bad(
                        "unknown gender",
                        "POST",
                        MEMBERS,
                        json("\"name\":\"x\",\"mobile\":\"13700000000\",\"gender\":\"male\""),
                        400,
                        "INVALID_FIELD_VALUE"),
                bad(
                        "unknown locale",
                        "POST",
                        MEMBERS,
                        json("\"name\":\"x\",\"mobile\":\"13700000000\",\"locale\":\"fr\""),
                        400,
                        "INVALID_FIELD_VALUE"),
                bad(
                        "impossible date",
                        "POST",
                        MEMBERS,
                        json("\"name\":\"x\",\"mobile\":\"13700000000\",\"birthday\":\"1990-13-01\""),
                        400,
                        "INVALID_FIELD_VALUE"),
                bad("missing name", "POST", MEMBERS, json("\"mobile\":\"13700000000\""), 400, "VALIDATION_FAILED"),
                bad(
                        "blank name",
                        "POST",
                        MEMBERS,
                        json("\"name\":\"  \",\"mobile\":\"13700000000\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "name too long",
                        "POST",
                        MEMBERS,
                        json("\"name\":\"" + "x".repeat(101) + "\",\"mobile\":\"13700000000\""),
                        400,
                        "VALIDATION_FAILED"),
                bad("missing mobile", "POST", MEMBERS, json("\"name\":\"x\""), 400, "VALIDATION_FAILED"),
                bad(
                        "invalid mobile",
                        "POST",
                        MEMBERS,
                        json("\"name\":\"x\",\"mobile\":\"12345\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "invalid email",
                        "POST",
                        MEMBERS,
                        json("\"name\":\"x\",\"mobile\":\"13700000000\",\"email\":\"nope\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "future birthday",
                        "POST",
                        MEMBERS,
                        json("\"name\":\"x\",\"mobile\":\"13700000000\",\"birthday\":\""
                                + LocalDate.now().plusDays(2) + "\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "birthday before 1900",
                        "POST",
                        MEMBERS,
                        json("\"name\":\"x\",\"mobile\":\"13700000000\",\"birthday\":\"1899-12-31\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "too many tags",
                        "POST",
                        MEMBERS,
                        json("\"name\":\"x\",\"mobile\":\"13700000000\",\"tags\":[" + "\"t\",".repeat(20) + "\"t\"]"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "invalid tag",
                        "POST",
                        MEMBERS,
                        json("\"name\":\"x\",\"mobile\":\"13700000000\",\"tags\":[\"a,b\"]"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "wrong media type",
                        "POST",
                        MEMBERS,
                        valid,
                        415,
                        "UNSUPPORTED_MEDIA_TYPE",
                        "Content-Type",
                        "text/plain"),
                bad("wrong method", "PATCH", MEMBERS + "/" + unknownId, valid, 405, "METHOD_NOT_ALLOWED"),
                bad("no such route", "GET", "/api/v1/nothing", null, 404, "NOT_FOUND"),
                bad("invalid member id", "GET", MEMBERS + "/not-a-uuid", null, 400, "INVALID_PARAMETER"),
                bad("short member id", "PUT", MEMBERS + "/1-2-3-4-5", valid, 400, "INVALID_PARAMETER"),
                bad("unknown member", "GET", MEMBERS + "/" + unknownId, null, 404, "MEMBER_NOT_FOUND"),
                bad("update unknown member", "PUT", MEMBERS + "/" + unknownId, valid, 404, "MEMBER_NOT_FOUND"),
                bad("delete unknown member", "DELETE", MEMBERS + "/" + unknownId, null, 404, "MEMBER_NOT_FOUND"),
                bad(
                        "freeze unknown member",
                        "POST",
                        MEMBERS + "/" + unknownId + "/freeze",
                        null,
                        404,
                        "MEMBER_NOT_FOUND"),
                bad("deleted member", "GET", MEMBERS + "/" + deletedId, null, 404, "MEMBER_DELETED"),
                bad("update deleted member", "PUT", MEMBERS + "/" + deletedId, valid, 404, "MEMBER_DELETED"),
                bad("delete deleted member", "DELETE", MEMBERS + "/" + deletedId, null, 404, "MEMBER_DELETED"),
                bad("duplicate mobile", "POST", MEMBERS, member("Copy", existingMobile, null), 409, "DUPLICATE_MOBILE"),
                bad(
                        "duplicate mobile, other spelling",
                        "POST",
                        MEMBERS,
                        member("Copy", "+86 " + existingMobile, null),
                        409,
                        "DUPLICATE_MOBILE"),
                bad(
                        "duplicate email, other case",
                        "POST",
                        MEMBERS,
                        member("Copy", "13700000000", existingEmail.toUpperCase()),
                        409,
                        "DUPLICATE_EMAIL"),
                bad(
                        "freeze frozen member",
                        "POST",
                        MEMBERS + "/" + frozenId + "/freeze",
                        null,
                        409,
                        "MEMBER_ALREADY_FROZEN"),
                bad(
                        "unfreeze active member",
                        "POST",
                        MEMBERS + "/" + existingId + "/unfreeze",
                        null,
                        409,
                        "MEMBER_NOT_FROZEN"),
                bad(
                        "reason too long",
                        "POST",
                        MEMBERS + "/" + existingId + "/freeze",
                        json("\"reason\":\"" + "x".repeat(501) + "\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "stale If-Match",
                        "PUT",
                        MEMBERS + "/" + existingId,
                        member("Changed", existingMobile, existingEmail),
                        412,
                        "VERSION_MISMATCH",
                        "If-Match",
                        "\"7\""),
                bad(
                        "unintelligible If-Match",
                        "DELETE",
                        MEMBERS + "/" + existingId,
                        null,
                        412,
                        "VERSION_MISMATCH",
                        "If-Match",
                        "yesterday"),
                bad("page size zero", "GET", MEMBERS + "?size=0", null, 400, "VALIDATION_FAILED"),
                bad("page size too large", "GET", MEMBERS + "?size=201", null, 400, "VALIDATION_FAILED"),
                bad("negative page", "GET", MEMBERS + "?page=-1", null, 400, "VALIDATION_FAILED"),
                bad("page not a number", "GET", MEMBERS + "?page=one", null, 400, "INVALID_PARAMETER"),
                bad("unknown sort field", "GET", MEMBERS + "?sort=password", null, 400, "INVALID_SORT"),
                bad("unknown sort direction", "GET", MEMBERS + "?sort=name,sideways", null, 400, "INVALID_SORT"),
                bad("level out of range", "GET", MEMBERS + "?level=6", null, 400, "VALIDATION_FAILED"),
                bad("level not a number", "GET", MEMBERS + "?level=gold", null, 400, "INVALID_PARAMETER"),
                bad("unknown status", "GET", MEMBERS + "?status=BANNED", null, 400, "INVALID_PARAMETER"),
                bad("empty status", "GET", MEMBERS + "?status=ACTIVE&status=", null, 400, "INVALID_PARAMETER"),
                bad("unparsable Accept", "GET", MEMBERS, null, 406, "NOT_ACCEPTABLE", "Accept", "application/json;q=x"),
                bad(
                        "unparsable Accept on a command",
                        "POST",
                        MEMBERS,
                        valid,
                        406,
                        "NOT_ACCEPTABLE",
                        "Accept",
                        "garbage"),
                bad(
                        "open unknown activity",
                        "POST",
                        "/api/v1/activities/" + unknownId + "/open",
                        null,
                        404,
                        "ACTIVITY_NOT_FOUND"),
                bad(
                        "retire unknown benefit",
                        "POST",
                        "/api/v1/benefits/no-such-benefit/retire",
                        null,
                        404,
                        "BENEFIT_NOT_FOUND"),
                bad("NUL as status", "GET", MEMBERS + "?status=%00", null, 400, "INVALID_PARAMETER"),
                bad("CR LF as level", "GET", MEMBERS + "?level=%0D%0A", null, 400, "INVALID_PARAMETER"),
                bad(
                        "deleted members are not listable",
                        "GET",
                        MEMBERS + "?status=DELETED",
                        null,
                        400,
                        "INVALID_FILTER"),
                bad("invalid join date", "GET", MEMBERS + "?joinedFrom=2026-02-30", null, 400, "INVALID_PARAMETER"),
                bad(
                        "join dates reversed",
                        "GET",
                        MEMBERS + "?joinedFrom=2026-02-02&joinedTo=2026-02-01",
                        null,
                        400,
                        "INVALID_FILTER"),
                bad("search text too long", "GET", MEMBERS + "?q=" + "x".repeat(101), null, 400, "VALIDATION_FAILED"),
                bad(
                        "foreign consistency token",
                        "GET",
                        MEMBERS,
                        null,
                        400,
                        "INVALID_CONSISTENCY_TOKEN",
                        "X-Consistency-Token",
                        "abc"),
                // purchases and refunds
                bad(
                        "purchase without order id",
                        "POST",
                        existing("/purchases"),
                        json("\"amount\":10"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "order id with a space",
                        "POST",
                        existing("/purchases"),
                        json("\"orderId\":\"o 2\",\"amount\":10"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "negative amount",
                        "POST",
                        existing("/purchases"),
                        json("\"orderId\":\"o-2\",\"amount\":-10"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "amount of nothing",
                        "POST",
                        existing("/purchases"),
                        json("\"orderId\":\"o-2\",\"amount\":0"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "amount below the fen",
                        "POST",
                        existing("/purchases"),
                        json("\"orderId\":\"o-2\",\"amount\":10.001"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "amount as text",
                        "POST",
                        existing("/purchases"),
                        json("\"orderId\":\"o-2\",\"amount\":\"ten\""),
                        400,
                        "INVALID_FIELD_VALUE"),
                bad(
                        "foreign currency",
                        "POST",
                        existing("/purchases"),
                        json("\"orderId\":\"o-2\",\"amount\":10,\"currency\":\"USD\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "purchase in the future",
                        "POST",
                        existing("/purchases"),
                        json("\"orderId\":\"o-2\",\"amount\":10,\"occurredAt\":\"2999-01-01T00:00:00Z\""),
                        422,
                        "OCCURRED_IN_FUTURE"),
                bad(
                        "order id reused with another amount",
                        "POST",
                        existing("/purchases"),
                        json("\"orderId\":\"o-1\",\"amount\":99"),
                        409,
                        "IDEMPOTENCY_CONFLICT"),
                bad(
                        "order id reused with another time",
                        "POST",
                        existing("/purchases"),
                        json("\"orderId\":\"o-1\",\"amount\":100.00,\"occurredAt\":\"2026-01-01T00:00:00Z\""),
                        409,
                        "IDEMPOTENCY_CONFLICT"),
                bad(
                        "purchase of unknown member",
                        "POST",
                        MEMBERS + "/" + unknownId + "/purchases",
                        json("\"orderId\":\"o-2\",\"amount\":10"),
                        404,
                        "MEMBER_NOT_FOUND"),
                bad(
                        "purchase of deleted member",
                        "POST",
                        MEMBERS + "/" + deletedId + "/purchases",
                        json("\"orderId\":\"o-2\",\"amount\":10"),
                        404,
                        "MEMBER_DELETED"),
                bad(
                        "refund without refund id",
                        "POST",
                        existing("/refunds"),
                        json("\"orderId\":\"o-1\",\"amount\":10"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "refund of unknown order",
                        "POST",
                        existing("/refunds"),
                        json("\"refundId\":\"r-1\",\"orderId\":\"o-9\",\"amount\":10"),
                        422,
                        "UNKNOWN_ORDER"),
                bad(
                        "refund beyond the purchase",
                        "POST",
                        existing("/refunds"),
                        json("\"refundId\":\"r-1\",\"orderId\":\"o-1\",\"amount\":100.01"),
                        422,
                        "REFUND_EXCEEDS_PURCHASE"),
                // earning, spending, adjusting
                bad(
                        "unknown way to earn",
                        "POST",
                        existing("/points/earn"),
                        json("\"type\":\"LOTTERY\""),
                        400,
                        "INVALID_FIELD_VALUE"),
                bad(
                        "review without order",
                        "POST",
                        existing("/points/earn"),
                        json("\"type\":\"REVIEW\""),
                        400,
                        "INVALID_REFERENCE"),
                bad(
                        "review of unknown order",
                        "POST",
                        existing("/points/earn"),
                        json("\"type\":\"REVIEW\",\"orderId\":\"o-9\""),
                        422,
                        "UNKNOWN_ORDER"),
                bad(
                        "review of an order refunded in full",
                        "POST",
                        MEMBERS + "/" + returnerId + "/points/earn",
                        json("\"type\":\"REVIEW\",\"orderId\":\"o-1\""),
                        422,
                        "ORDER_FULLY_REFUNDED"),
                bad(
                        "birthday without a birthday",
                        "POST",
                        existing("/points/earn"),
                        json("\"type\":\"BIRTHDAY\""),
                        422,
                        "NO_BIRTHDAY"),
                bad(
                        "check-in while frozen",
                        "POST",
                        MEMBERS + "/" + frozenId + "/points/earn",
                        json("\"type\":\"CHECK_IN\""),
                        409,
                        "MEMBER_FROZEN"),
                bad(
                        "spend more than available",
                        "POST",
                        existing("/points/spend"),
                        json("\"orderId\":\"s-1\",\"orderAmount\":100,\"points\":51"),
                        422,
                        "INSUFFICIENT_POINTS"),
                bad(
                        "spend over the order's share",
                        "POST",
                        existing("/points/spend"),
                        json("\"orderId\":\"s-1\",\"orderAmount\":0.50,\"points\":26"),
                        422,
                        "DEDUCTION_LIMIT_EXCEEDED"),
                bad(
                        "spend no points",
                        "POST",
                        existing("/points/spend"),
                        json("\"orderId\":\"s-1\",\"orderAmount\":100,\"points\":0"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "spend without order amount",
                        "POST",
                        existing("/points/spend"),
                        json("\"orderId\":\"s-1\",\"points\":10"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "redeem more than available",
                        "POST",
                        existing("/points/redeem"),
                        json("\"redemptionId\":\"x-1\",\"productId\":\"mug\",\"points\":51"),
                        422,
                        "INSUFFICIENT_POINTS"),
                bad(
                        "redeem without product",
                        "POST",
                        existing("/points/redeem"),
                        json("\"redemptionId\":\"x-1\",\"points\":1"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "adjust by nothing",
                        "POST",
                        existing("/points/adjust"),
                        json("\"points\":0,\"reason\":\"none\""),
                        400,
                        "INVALID_POINTS"),
                bad(
                        "adjust without reason",
                        "POST",
                        existing("/points/adjust"),
                        json("\"points\":5"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "remove more than available",
                        "POST",
                        existing("/points/adjust"),
                        json("\"points\":-51,\"reason\":\"fix\""),
                        422,
                        "INSUFFICIENT_POINTS"),
                bad(
                        "idempotency key reused with another reason",
                        "POST",
                        existing("/points/adjust"),
                        json("\"points\":50,\"reason\":\"another reason\""),
                        409,
                        "IDEMPOTENCY_CONFLICT",
                        "Idempotency-Key",
                        "adj-1"),
                bad(
                        "malformed idempotency key",
                        "POST",
                        existing("/points/adjust"),
                        json("\"points\":5,\"reason\":\"fix\""),
                        400,
                        "VALIDATION_FAILED",
                        "Idempotency-Key",
                        "has spaces"),
                bad("ledger page of nothing", "GET", existing("/points/ledger?size=0"), null, 400, "VALIDATION_FAILED"),
                bad(
                        "points of unknown member",
                        "GET",
                        MEMBERS + "/" + unknownId + "/points",
                        null,
                        404,
                        "MEMBER_NOT_FOUND"),
                // levels
                bad(
                        "level zero",
                        "POST",
                        existing("/level/adjust"),
                        json("\"level\":0,\"reason\":\"x\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "level above the highest",
                        "POST",
                        existing("/level/adjust"),
                        json("\"level\":9,\"reason\":\"x\""),
                        400,
                        "INVALID_LEVEL"),
                bad(
                        "manual level ending in the past",
                        "POST",
                        existing("/level/adjust"),
                        json("\"level\":3,\"reason\":\"x\",\"until\":\"2001-01-01T00:00:00Z\""),
                        422,
                        "INVALID_UNTIL"),
                bad(
                        "ending a manual level that is not there",
                        "POST",
                        existing("/level/adjust"),
                        json("\"reason\":\"x\""),
                        409,
                        "NO_MANUAL_LEVEL"),
                bad(
                        "level without reason",
                        "POST",
                        existing("/level/adjust"),
                        json("\"level\":3"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "level from a stale version",
                        "POST",
                        existing("/level/adjust"),
                        json("\"level\":3,\"reason\":\"x\""),
                        412,
                        "VERSION_MISMATCH",
                        "If-Match",
                        "\"0\""),
                bad(
                        "level of unknown member",
                        "GET",
                        MEMBERS + "/" + unknownId + "/level",
                        null,
                        404,
                        "MEMBER_NOT_FOUND"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWithProblemDetailsAndChangesNothing(
            String description, String method, String path, String body, int status, String code, String[] headers) {
        long eventsBefore = eventCount();
        JsonNode existingBefore = api.get(MEMBERS + "/" + existingId).json();

        Response response = api.send(method, path, body, headers);

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "org.", "SELECT", "INSERT", "jdbc", "trace");
        if (code.equals("VALIDATION_FAILED")) {
            assertThat(problem.get("errors")).isNotEmpty();
        }

        assertThat(eventCount()).as("events appended").isEqualTo(eventsBefore);
        assertThat(api.get(MEMBERS + "/" + existingId).json()).isEqualTo(existingBefore);
    }

    Stream<Arguments> badFields() {
        String fielder = MEMBERS + "/" + fielderId;
        String purchase = fielder + "/purchases";
        String newMember = "\"name\":\"x\",\"mobile\":\"" + mobile() + "\"";
        String activities = "/api/v1/activities";
        return Stream.of(
                // dates and times are ISO 8601 text only
                field(
                        "birthday as a number",
                        MEMBERS,
                        json(newMember + ",\"birthday\":123"),
                        "birthday",
                        "INVALID_FIELD_VALUE"),
                field(
                        "birthday as an array",
                        MEMBERS,
                        json(newMember + ",\"birthday\":[1990,1,2]"),
                        "birthday",
                        "INVALID_FIELD_VALUE"),
                field(
                        "occurredAt as epoch seconds",
                        purchase,
                        json("\"orderId\":\"o-3\",\"amount\":10,\"occurredAt\":1700000000"),
                        "occurredAt",
                        "INVALID_FIELD_VALUE"),
                field(
                        "occurredAt as a decimal",
                        purchase,
                        json("\"orderId\":\"o-3\",\"amount\":10,\"occurredAt\":1700000000.5"),
                        "occurredAt",
                        "INVALID_FIELD_VALUE"),
                field(
                        "activity start as a number",
                        activities,
                        activity("123", "\"2099-01-01T00:00:00Z\""),
                        "startsAt",
                        "INVALID_FIELD_VALUE"),
                field(
                        "manual level end as a number",
                        fielder + "/level/adjust",
                        json("\"level\":3,\"reason\":\"x\",\"until\":4102444800"),
                        "until",
                        "INVALID_FIELD_VALUE"),
                // values PostgreSQL cannot store, refused on every database
                field(
                        "NUL in notes",
                        MEMBERS,
                        json(newMember + ",\"notes\":\"a\\u0000b\""),
                        "notes",
                        "INVALID_CHARACTER"),
                field(
                        "NUL in a tag",
                        MEMBERS,
                        json(newMember + ",\"tags\":[\"ok\",\"a\\u0000\"]"),
                        "tags[1]",
                        "INVALID_CHARACTER"),
                field(
                        "NUL in a reason",
                        fielder + "/points/adjust",
                        json("\"points\":5,\"reason\":\"\\u0000\""),
                        "reason",
                        "INVALID_CHARACTER"),
                field(
                        "lone high surrogate",
                        MEMBERS,
                        json(newMember + ",\"address\":\"\\ud800x\""),
                        "address",
                        "INVALID_CHARACTER"),
                field(
                        "lone low surrogate at the end",
                        fielder + "/freeze",
                        json("\"reason\":\"x\\udc00\""),
                        "reason",
                        "INVALID_CHARACTER"),
                field(
                        "year +999999999",
                        fielder + "/level/adjust",
                        json("\"level\":3,\"reason\":\"x\",\"until\":\"+999999999-12-31T00:00:00Z\""),
                        "until",
                        "OUT_OF_RANGE"),
                field(
                        "activity ending in year 10000",
                        activities,
                        activity("\"2026-01-01T00:00:00Z\"", "\"+10000-01-01T00:00:00Z\""),
                        "endsAt",
                        "OUT_OF_RANGE"),
                field(
                        "purchase in year -5",
                        purchase,
                        json("\"orderId\":\"o-3\",\"amount\":10,\"occurredAt\":\"-0005-01-01T00:00:00Z\""),
                        "occurredAt",
                        "OUT_OF_RANGE"),
                Arguments.of("NUL in a query parameter", "GET", MEMBERS + "?q=a%00b", null, "q", "INVALID_PARAMETER"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFields")
    void isRefusedWithAFieldError(
            String description, String method, String path, String body, String field, String fieldCode) {
        long eventsBefore = eventCount();

        Response response = api.send(method, path, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asText())
                .isEqualTo(fieldCode.equals("INVALID_PARAMETER") ? "INVALID_PARAMETER" : "INVALID_FIELD_VALUE");
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("code").asText()).isEqualTo(fieldCode);
        assertThat(problem.get("errors").get(0).get("message").asText()).isNotBlank();
        assertThat(eventCount()).as("events appended").isEqualTo(eventsBefore);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTC", "GMT", "Etc/UTC", "Asia/Shanghai"})
    void acceptsIanaTimeZones(String zone) {
        Response registered = api.post(
                MEMBERS, json("\"name\":\"Zoned\",\"mobile\":\"" + mobile() + "\",\"timeZone\":\"" + zone + "\""));

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().get("timeZone").asText()).isEqualTo(zone);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+08:00", "Z", "UTC+8", "GMT+08:00", "Mars/Olympus", "utc"})
    void refusesWhatIsNoIanaTimeZone(String zone) {
        Response refused = api.post(
                MEMBERS, json("\"name\":\"Zoned\",\"mobile\":\"" + mobile() + "\",\"timeZone\":\"" + zone + "\""));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("timeZone");
    }

    private static String activity(String startsAt, String endsAt) {
        return json("\"name\":\"Tasting\",\"startsAt\":" + startsAt + ",\"endsAt\":" + endsAt
                + ",\"capacity\":10,\"rewardPoints\":1");
    }

    private static Arguments field(String description, String path, String body, String field, String fieldCode) {
        return Arguments.of(description, "POST", path, body, field, fieldCode);
    }

    @Test
    void listsEveryInvalidFieldAtOnce() {
        Response response = api.post(
                MEMBERS,
                json("\"name\":\"\",\"mobile\":\"123\",\"email\":\"x@\",\"tags\":[\"ok\",\"bad,tag\"],"
                        + "\"externalRef\":\"has space\""));

        assertThat(response.status()).isEqualTo(400);
        List<String> fields = response.json().get("errors").findValuesAsText("field");
        assertThat(fields).containsExactlyInAnyOrder("name", "mobile", "email", "tags[1]", "externalRef");
        assertThat(response.json().get("errors").findValuesAsText("code"))
                .contains("REQUIRED", "INVALID_MOBILE", "INVALID_EMAIL", "INVALID_FORMAT");
    }

    private String existing(String path) {
        return MEMBERS + "/" + existingId + path;
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private static String json(String fields) {
        return "{" + fields + "}";
    }

    private static Arguments bad(
            String description, String method, String path, String body, int status, String code, String... headers) {
        return Arguments.of(description, method, path, body, status, code, headers);
    }
}
