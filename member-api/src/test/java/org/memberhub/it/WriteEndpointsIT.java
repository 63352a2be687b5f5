package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every write endpoint refuses a request it could not answer (an {@code Accept} it cannot produce) or cannot read (a
 * duplicated JSON key) before anything reaches the command bus: the event store is unchanged afterwards. Each call
 * below would succeed as it stands; the list covers every POST, PUT, PATCH and DELETE mapping of the API.
 */
@PostgresIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteEndpointsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<RequestMethod> WRITES =
            Set.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private String member;
    private String frozen;
    private String doomed;
    private String self;
    private String benefit;
    private String retiring;
    private String activity;
    private String draft;
    private String closing;

    /** A write request: the mapping it calls, the concrete path, a body that would be accepted, and whose token. */
    record Call(String method, String mapping, String path, String body, String memberToken) {

        @Override
        public String toString() {
            return method + " " + mapping;
        }
    }

    @BeforeAll
    void fixtures() {
        member = register();
        frozen = register();
        doomed = register();
        self = register();
        assertThat(api.post(members(frozen) + "/freeze", null).status()).isEqualTo(200);
        assertThat(api.post(members(member) + "/purchases", "{\"orderId\":\"o-1\",\"amount\":100.00}")
                        .status())
                .isEqualTo(200);
        for (String rich : List.of(member, self)) {
            assertThat(api.post(members(rich) + "/points/adjust", "{\"points\":5000,\"reason\":\"welcome\"}")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(api.post(members(member) + "/points/spend", "{\"orderId\":\"d-1\",\"orderAmount\":100,\"points\":1}")
                        .status())
                .isEqualTo(200);
        benefit = benefit();
        retiring = benefit();
        activity = activity();
        assertThat(api.post("/api/v1/activities/" + activity + "/open", null).status())
                .isEqualTo(200);
        draft = activity();
        closing = activity();
    }

    Stream<Call> writes() {
        String activityTerms = activityTerms();
        return Stream.of(
                call("POST", "/api/v1/members", "/api/v1/members", member("New", mobile(), null)),
                call("PUT", "/api/v1/members/{id}", members(member), member("Renamed", mobile(), null)),
                call("DELETE", "/api/v1/members/{id}", members(doomed), null),
                call("POST", "/api/v1/members/{id}/erase", members(doomed) + "/erase", "{\"reason\":\"asked\"}"),
                call("POST", "/api/v1/members/{id}/freeze", members(member) + "/freeze", "{\"reason\":\"why\"}"),
                call("POST", "/api/v1/members/{id}/unfreeze", members(frozen) + "/unfreeze", "{\"reason\":\"why\"}"),
                call(
                        "POST",
                        "/api/v1/members/{id}/purchases",
                        members(member) + "/purchases",
                        "{\"orderId\":\"" + marker() + "\",\"amount\":10.00}"),
                call(
                        "POST",
                        "/api/v1/members/{id}/refunds",
                        members(member) + "/refunds",
                        "{\"refundId\":\"" + marker() + "\",\"orderId\":\"o-1\",\"amount\":1.00}"),
                call(
                        "POST",
                        "/api/v1/members/{id}/points/earn",
                        members(member) + "/points/earn",
                        "{\"type\":\"CHECK_IN\"}"),
                call(
                        "POST",
                        "/api/v1/members/{id}/points/spend",
                        members(member) + "/points/spend",
                        "{\"orderId\":\"" + marker() + "\",\"orderAmount\":100,\"points\":1}"),
                call(
                        "POST",
                        "/api/v1/members/{id}/points/spend/{orderId}/cancel",
                        members(member) + "/points/spend/d-1/cancel",
                        null),
                call(
                        "POST",
                        "/api/v1/members/{id}/points/redeem",
                        members(member) + "/points/redeem",
                        "{\"redemptionId\":\"" + marker() + "\",\"productId\":\"mug\",\"points\":1}"),
                call(
                        "POST",
                        "/api/v1/members/{id}/points/adjust",
                        members(member) + "/points/adjust",
                        "{\"points\":5,\"reason\":\"fix\"}"),
                call(
                        "POST",
                        "/api/v1/members/{id}/level/adjust",
                        members(member) + "/level/adjust",
                        "{\"level\":3,\"reason\":\"vip\"}"),
                call(
                        "POST",
                        "/api/v1/members/{id}/benefits/{benefitId}/use",
                        members(member) + "/benefits/" + benefit + "/use",
                        "{\"useId\":\"" + marker() + "\"}"),
                call(
                        "POST",
                        "/api/v1/members/{id}/benefits/{benefitId}/buy",
                        members(member) + "/benefits/" + benefit + "/buy",
                        "{\"purchaseId\":\"" + marker() + "\"}"),
                call("POST", "/api/v1/benefits", "/api/v1/benefits", benefitTerms(marker())),
                call("PUT", "/api/v1/benefits/{benefitId}", "/api/v1/benefits/" + benefit, benefitTerms(null)),
                call(
                        "POST",
                        "/api/v1/benefits/{benefitId}/retire",
                        "/api/v1/benefits/" + retiring + "/retire",
                        "{\"reason\":\"over\"}"),
                call("POST", "/api/v1/activities", "/api/v1/activities", activityTerms),
                call("PUT", "/api/v1/activities/{activityId}", "/api/v1/activities/" + activity, activityTerms),
                call("POST", "/api/v1/activities/{activityId}/open", "/api/v1/activities/" + draft + "/open", null),
                call(
                        "POST",
                        "/api/v1/activities/{activityId}/close",
                        "/api/v1/activities/" + closing + "/close",
                        "{\"reason\":\"done\"}"),
                call(
                        "POST",
                        "/api/v1/activities/{activityId}/participants",
                        "/api/v1/activities/" + activity + "/participants",
                        "{\"memberId\":\"" + member + "\"}"),
                asSelf("PUT", "/api/v1/me", "/api/v1/me", "{\"name\":\"Me\",\"timeZone\":\"Asia/Shanghai\"}"),
                asSelf("POST", "/api/v1/me/check-in", "/api/v1/me/check-in", null),
                asSelf(
                        "POST",
                        "/api/v1/me/points/spend",
                        "/api/v1/me/points/spend",
                        "{\"orderId\":\"" + marker() + "\",\"points\":1}"),
                asSelf(
                        "POST",
                        "/api/v1/me/benefits/{benefitId}/buy",
                        "/api/v1/me/benefits/" + benefit + "/buy",
                        "{\"purchaseId\":\"" + marker() + "\"}"),
                asSelf(
                        "POST",
                        "/api/v1/me/benefits/{benefitId}/use",
                        "/api/v1/me/benefits/" + benefit + "/use",
                        "{\"useId\":\"" + marker() + "\"}"),
                asSelf("POST", "/api/v1/me/points/redeem", "/api/v1/me/points/redeem", "{\"productId\":\"tea-cup\"}"),
                asSelf(
                        "POST",
                        "/api/v1/me/activities/{activityId}/join",
                        "/api/v1/me/activities/" + activity + "/join",
                        null),
                // these append no events; they are here so that every write endpoint is shown to negotiate first
                call("POST", "/api/v1/admin/projections/{name}/replay", "/api/v1/admin/projections/none/replay", null),
                call(
                        "POST",
                        "/api/v1/admin/projections/{name}/dead-letters/retry",
                        "/api/v1/admin/projections/none/dead-letters/retry",
                        null),
                call("POST", "/api/v1/admin/sweep/poisoned/retry", "/api/v1/admin/sweep/poisoned/retry", null),
                call("POST", "/api/v1/sync/runs", "/api/v1/sync/runs", "{\"mode\":\"FULL\"}"));
    }

    Stream<Arguments> writesAndUnproducibleTypes() {
        return writes().flatMap(call -> Stream.of("application/xml", "text/csv").map(type -> Arguments.of(call, type)));
    }

    @ParameterizedTest(name = "{0} with Accept: {1}")
    @MethodSource("writesAndUnproducibleTypes")
    void answersNotAcceptableBeforeSendingTheCommand(Call call, String accept) {
        long before = eventCount();

        Response response = send(call, call.body(), "Accept", accept, "Accept-Language", "zh-CN");

        assertThat(response.status()).as(response.toString()).isEqualTo(406);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("Content-Language")).isEqualTo("zh-CN");
        assertThat(response.json().get("code").asText()).isEqualTo("NOT_ACCEPTABLE");
        assertThat(eventCount()).as("events appended").isEqualTo(before);
    }

    Stream<Call> writesWithJsonBodies() {
        return writes().filter(call -> call.body() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writesWithJsonBodies")
    void refusesADuplicatedKey(Call call) throws Exception {
        JsonNode body = JSON.readTree(call.body());
        Map.Entry<String, JsonNode> first = body.fields().next();
        String duplicated = "{" + JSON.writeValueAsString(first.getKey()) + ":"
                + JSON.writeValueAsString(first.getValue()) + "," + call.body().substring(1);
        long before = eventCount();

        Response response = send(call, duplicated);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(eventCount()).as("events appended").isEqualTo(before);
    }

    @Test
    void everyWriteEndpointIsCovered() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                if (WRITES.contains(method)) {
                    info.getPatternValues().stream()
                            .filter(pattern -> pattern.startsWith("/api/"))
                            .forEach(pattern -> mapped.add(method + " " + pattern));
                }
            }
        }
        Set<String> covered = new TreeSet<>();
        writes().forEach(call -> covered.add(call.toString()));

        assertThat(covered).isEqualTo(mapped);
    }

    private Response send(Call call, String body, String... headers) {
        Api caller = call.memberToken() == null ? api : api.asMember(call.memberToken());
        return caller.send(call.method(), call.path(), body, headers);
    }

    private Call call(String method, String mapping, String path, String body) {
        return new Call(method, mapping, path, body, null);
    }

    private Call asSelf(String method, String mapping, String path, String body) {
        return new Call(method, mapping, path, body, self);
    }

    private String register() {
        Response registered = api.post("/api/v1/members", member("Writer", mobile(), null));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().get("id").asText();
    }

    private String benefit() {
        String id = "w-" + marker();
        Response created = api.post("/api/v1/benefits", benefitTerms(id));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private String activity() {
        Response created = api.post("/api/v1/activities", activityTerms());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String benefitTerms(String id) {
        return "{" + (id == null ? "" : "\"id\":\"" + id + "\",")
                + "\"nameZh\":\"礼品\",\"nameEn\":\"Gift\",\"type\":\"GIFT\",\"levels\":[1,2,3,4,5],"
                + "\"quota\":{\"uses\":50,\"period\":\"MONTH\"},\"pointsPrice\":10}";
    }

    private static String activityTerms() {
        Instant now = Instant.now();
        return "{\"name\":\"Tasting\",\"startsAt\":\"" + now.minusSeconds(3600) + "\",\"endsAt\":\""
                + now.plus(Duration.ofDays(2)) + "\",\"capacity\":100,\"rewardPoints\":1}";
    }

    private static String members(String id) {
        return "/api/v1/members/" + id;
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
