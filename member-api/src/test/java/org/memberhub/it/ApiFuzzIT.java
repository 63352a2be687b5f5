package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.memberhub.api.security.AccessPolicy;
import org.memberhub.api.security.Role;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every operation of the OpenAPI document, read at run time, is sent what a careless or hostile client might send:
 * no token, a bad token or one of a role the operation is not open to; malformed JSON; each body field with a value of
 * the wrong type, a huge or an odd string (NUL, a lone surrogate, right-to-left text and emoji, CR/LF); bad path ids;
 * bad query parameters; bad {@code If-Match}, {@code Idempotency-Key}, {@code X-Consistency-Token}, {@code Accept}
 * and {@code Content-Type}. The application must never answer 5xx; every 4xx must be Problem Details whose status and
 * code the document lists for the operation; and a refused request must leave the event store as it was (a request
 * that succeeds may change it). The cases are a deterministic sample (fixed seed per operation), bounded so that the
 * whole run takes well under a minute.
 */
@PostgresIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFuzzIT {

    /** Another seed ({@code -Dmemberhub.fuzz.seed=...}) samples other cases, to explore beyond the fixed set. */
    private static final long SEED = Long.getLong("memberhub.fuzz.seed", 0x5EED_2026_1203L);
    /** {@code -Dmemberhub.fuzz.all=true} sends every case instead of a sample (several minutes). */
    private static final boolean ALL = Boolean.getBoolean("memberhub.fuzz.all");

    private static final String PROBLEM = "application/problem+json";
    /** Writes every non-ASCII character as a JSON escape, so that lone surrogates reach the server as sent. */
    private static final ObjectMapper ESCAPING =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HUGE = "x".repeat(100_000);

    private static final Map<Role, String> USERS = Map.of(
            Role.MEMBER_ADMIN, "admin",
            Role.MEMBER_STAFF, "staff",
            Role.AUDITOR, "auditor",
            Role.ANALYST, "analyst",
            Role.ORDER_SERVICE, "orders",
            Role.MEMBER, "member",
            Role.MONITORING, "monitoring");

    /** Text a careless client sends: control characters, unpaired surrogates, bidirectional overrides, injections. */
    private static final List<String> ODD_STRINGS = List.of(
            "\u0000",
            "a\u0000b",
            "\ud800",
            "x\udc00y",
            "\u202e\u0645\u0631\u062d\u0628\u0627 \ud83d\ude42",
            "a\r\nSet-Cookie: x=y",
            "\t",
            "   ",
            "",
            "\ufeff",
            "é".repeat(5_000),
            "' OR 1=1 --",
            "${jndi:ldap://127.0.0.1/x}",
            "../../etc/passwd");

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    private JsonNode docs;
    private Fixtures shared;
    private long parkedBefore;

    /** One operation of the document and who may call it. */
    record Operation(String method, String path, JsonNode spec, Set<Role> roles) {

        boolean secured() {
            return !roles.isEmpty();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** What a request names: a member (with points), a benefit that can be bought, an open activity. */
    record Fixtures(String member, String benefit, String activity) {}

    /** One request of the fuzz: what it varies, and the request itself. */
    record Case(String what, String path, String body, List<String> headers, Api caller) {}

    @BeforeAll
    void setUp() {
        Response document = api.anonymous().get("/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        docs = document.json();
        shared = new Fixtures(registered(), benefit(), activity());
        parkedBefore = parkedEvents();
    }

    /**
     * What was accepted reached the read models, none of it parked as an event a projection could not apply; and the
     * application is left at rest for the test classes that share it.
     */
    @AfterAll
    void projectionsCaughtUpWithoutParkingAnything() {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    for (JsonNode projection :
                            api.get("/api/v1/admin/projections").json()) {
                        if (projection.path("lagEvents").asLong() != 0) {
                            return false;
                        }
                    }
                    return true;
                });
        assertThat(parkedEvents()).as("events parked by the projections").isEqualTo(parkedBefore);
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesBadInputWithProblemDetailsAndChangesNothing() {
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(60);
        return operations.stream()
                .map(operation -> DynamicTest.dynamicTest(operation.toString(), () -> {
                    Random random = new Random(SEED ^ operation.toString().hashCode());
                    List<String> failures = new ArrayList<>();
                    List<Case> cases = cases(operation, random);
                    for (Case sent : cases) {
                        check(operation, sent, failures);
                    }
                    assertThat(failures)
                            .as(cases.size() + " requests of " + operation)
                            .isEmpty();
                }));
    }

    // ------------------------------------------------------------------------------------------------ the cases

    private List<Case> cases(Operation operation, Random random) {
        Fixtures fixtures = operation.method().equals("GET") ? shared : fresh(operation);
        Request request = new Request(operation, fixtures, caller(operation, fixtures), random);
        List<Case> cases = new ArrayList<>();
        tokens(request, cases);
        headers(request, cases);
        parameters(request, cases);
        bodies(request, cases);
        return cases;
    }

    /** An operation's request as it would be accepted, which each case varies in one way. */
    private final class Request {

        final Operation operation;
        final Fixtures fixtures;
        final Api caller;
        final Random random;
        final String path;
        final JsonNode body;
        final String text;

        Request(Operation operation, Fixtures fixtures, Api caller, Random random) {
            this.operation = operation;
            this.fixtures = fixtures;
            this.caller = caller;
            this.random = random;
            this.path = path(operation, fixtures, Map.of());
            JsonNode schema = jsonBody(operation);
            this.body = schema == null ? null : value(schema, "", fixtures);
            this.text = body == null ? null : write(body);
        }

        Case with(String what, List<String> headers) {
            return new Case(what, path, text, headers, caller);
        }
    }

    private void tokens(Request request, List<Case> cases) {
        Operation operation = request.operation;
        if (!operation.secured()) {
            return;
        }
        String path = request.path;
        cases.add(new Case("no token", path, request.text, List.of(), api.anonymous()));
        cases.add(new Case("not a token", path, request.text, List.of(), api.withToken("garbage." + marker())));
        cases.add(new Case(
                "Basic credentials",
                path,
                request.text,
                List.of("Authorization", "Basic YWRtaW46YWRtaW4="),
                api.anonymous()));
        List<Role> others = new ArrayList<>(EnumSet.complementOf(EnumSet.copyOf(operation.roles())));
        if (!others.isEmpty()) {
            Role wrong = others.get(request.random.nextInt(others.size()));
            Api caller = wrong == Role.MEMBER ? api.asMember(request.fixtures.member()) : api.as(USERS.get(wrong));
            cases.add(new Case("role " + wrong.keycloakName(), path, request.text, List.of(), caller));
        }
    }

    private void headers(Request request, List<Case> cases) {
        List<String> accepts = List.of("application/xml", "text/csv", "image/png", "garbage", "application/json;q=x");
        for (String accept : pick(request.random, 1, accepts)) {
            cases.add(request.with("Accept: " + accept, List.of("Accept", accept)));
        }
        cases.add(request.with("Accept-Language garbage", List.of("Accept-Language", "zz-ZZZZ-x;q=2,,;")));
        if (request.operation.spec().has("requestBody")) {
            List<String> types = List.of(
                    "text/plain",
                    "application/xml",
                    "multipart/form-data",
                    "application/x-www-form-urlencoded",
                    "application/json; charset=ebcdic",
                    "garbage");
            for (String type : pick(request.random, 2, types)) {
                cases.add(new Case(
                        "Content-Type: " + type,
                        request.path,
                        request.text == null ? "{}" : request.text,
                        List.of("Content-Type", type),
                        request.caller));
            }
        }
    }

    private void parameters(Request request, List<Case> cases) {
        for (JsonNode parameter : request.operation.spec().path("parameters")) {
            String name = parameter.get("name").asText();
            JsonNode schema = resolve(parameter.path("schema"));
            switch (parameter.get("in").asText()) {
                case "path" -> {
                    for (String bad : pick(request.random, 3, badPathValues(schema))) {
                        String path = path(request.operation, request.fixtures, Map.of(name, bad));
                        cases.add(new Case(
                                "path " + name + "=" + shorten(bad), path, request.text, List.of(), request.caller));
                    }
                }
                case "query" -> {
                    for (String bad : pick(request.random, 2, badQueryValues(schema))) {
                        String path = request.path + "?" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + bad;
                        cases.add(new Case(
                                "query " + name + "=" + shorten(bad), path, request.text, List.of(), request.caller));
                    }
                }
                case "header" -> {
                    for (String bad : pick(request.random, 2, badHeaderValues(name))) {
                        cases.add(request.with("header " + name + ": " + shorten(bad), List.of(name, bad)));
                    }
                }
                default -> {}
            }
        }
    }

    /**
     * Malformed JSON; then each field in turn with a value of the wrong type, two odd strings (text fields), null
     * (required fields); and one text field a hundred thousand characters long.
     */
    private void bodies(Request request, List<Case> cases) {
        JsonNode schema = jsonBody(request.operation);
        if (schema == null) {
            return;
        }
        for (String malformed : pick(request.random, 4, malformedBodies(request.text))) {
            cases.add(new Case("body " + shorten(malformed), request.path, malformed, List.of(), request.caller));
        }
        if (!(request.body instanceof ObjectNode valid)) {
            return;
        }
        JsonNode properties = resolve(schema).path("properties");
        JsonNode required = resolve(schema).path("required");
        List<String> texts = new ArrayList<>();
        properties.fields().forEachRemaining(property -> {
            if (resolve(property.getValue()).path("type").asText().equals("string")) {
                texts.add(property.getKey());
            }
        });
        String huge = texts.isEmpty() ? null : texts.get(request.random.nextInt(texts.size()));
        for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            List<JsonNode> values =
                    new ArrayList<>(pick(request.random, 1, wrongTypes(resolve(properties.get(field)))));
            if (texts.contains(field)) {
                pick(request.random, 2, ODD_STRINGS).forEach(odd -> values.add(new TextNode(odd)));
            }
            if (field.equals(huge)) {
                values.add(new TextNode(HUGE));
            }
            if (required.toString().contains("\"" + field + "\"")) {
                values.add(NODES.nullNode());
            }
            for (JsonNode value : values) {
                ObjectNode mutated = valid.deepCopy();
                mutated.set(field, value);
                cases.add(new Case(
                        "field " + field + "=" + shorten(value.toString()),
                        request.path,
                        write(mutated),
                        List.of(),
                        request.caller));
            }
        }
    }

    private static List<String> badPathValues(JsonNode schema) {
        if (schema.path("type").asText().equals("integer")) {
            return List.of("x", "-1", "1.5", "99999999999999999999", "%00", "0x10");
        }
        return List.of(
                "not-a-uuid",
                UUID.randomUUID().toString(),
                "00000000-0000-0000-0000-000000000000",
                "%00",
                "%E2%80%AE%D9%85",
                "%F0%9F%99%82",
                "%ED%A0%80",
                "%0D%0A",
                "a".repeat(1_000),
                "..%2F..%2Fadmin",
                "%20");
    }

    private static List<String> badQueryValues(JsonNode schema) {
        List<String> values =
                new ArrayList<>(List.of("%00", "%ED%A0%80", "%E2%80%AE%F0%9F%99%82", "%0D%0A", "", "x".repeat(5_000)));
        switch (schema.path("type").asText()) {
            case "integer" -> values.addAll(List.of("x", "-1", "1.5", "99999999999999999999", "1e3"));
            case "number" -> values.addAll(List.of("x", "NaN", "1e999"));
            case "boolean" -> values.addAll(List.of("maybe", "2"));
            case "array" -> values.addAll(List.of("NOPE", "x,y,,", "-1"));
            default -> {
                if (schema.has("format")) {
                    values.addAll(List.of("123", "2026-02-30", "+999999999-12-31T00:00:00Z", "2026-13-01T00:00:00Z"));
                }
                if (schema.has("enum")) {
                    values.add("NOPE");
                }
            }
        }
        return values;
    }

    private static List<String> badHeaderValues(String name) {
        return switch (name.toLowerCase()) {
            case "if-match" -> List.of(
                    "garbage", "\"abc\"", "W/\"-1\"", "\"99999999999999999999\"", "\"1\", \"2\"", "\"");
            case "idempotency-key" -> List.of("k".repeat(1_000), "a b", "caf\u00e9", "", "-", "a".repeat(65));
            case "x-consistency-token" -> List.of(
                    "garbage",
                    "x".repeat(4_000),
                    "0:0",
                    "::",
                    UUID.randomUUID() + ":x",
                    // well-formed, naming another member or a version never reached: refused at once, never waited on
                    UUID.randomUUID() + ".0",
                    UUID.randomUUID() + "." + Long.MAX_VALUE);
            default -> List.of("garbage", "x".repeat(4_000));
        };
    }

    private static List<String> malformedBodies(String valid) {
        List<String> bodies = new ArrayList<>(List.of(
                "{",
                "{\"a\":",
                "[]",
                "null",
                "\"text\"",
                "123",
                "{}{}",
                "{\"unknown\":1}",
                "{\"a\":NaN}",
                "{'single':'quotes'}",
                "[".repeat(5_000) + "]".repeat(5_000),
                "{\"x\":" + "9".repeat(2_000) + "}",
                "\ufeff{}",
                ""));
        if (valid != null && valid.length() > 2) {
            bodies.add(valid + "}");
            bodies.add(valid.substring(0, valid.length() / 2));
            int colon = valid.indexOf(':');
            int comma = valid.indexOf(',');
            if (colon > 0) {
                String first = valid.substring(1, comma > colon ? comma : valid.length() - 1);
                bodies.add("{" + first + "," + valid.substring(1));
            }
        }
        return bodies;
    }

    private static List<JsonNode> wrongTypes(JsonNode schema) {
        List<JsonNode> values = new ArrayList<>(List.of(NODES.objectNode(), NODES.arrayNode()));
        switch (schema.path("type").asText("object")) {
            case "string" -> {
                values.addAll(List.of(NODES.numberNode(123), NODES.booleanNode(true), NODES.numberNode(1.5)));
                if (schema.has("format") || schema.has("enum")) {
                    values.addAll(List.of(
                            new TextNode("NOPE"),
                            new TextNode("2026-02-30"),
                            new TextNode("+999999999-12-31T00:00:00Z"),
                            new TextNode("0001-01-01T00:00:00Z")));
                }
            }
            case "integer" -> values.addAll(List.of(
                    new TextNode("1"),
                    NODES.numberNode(1.5),
                    NODES.booleanNode(true),
                    NODES.numberNode(new BigInteger("99999999999999999999999")),
                    NODES.numberNode(-1),
                    NODES.numberNode(Long.MIN_VALUE)));
            case "number" -> values.addAll(List.of(
                    new TextNode("1.00"),
                    NODES.booleanNode(false),
                    DecimalNode.valueOf(new BigDecimal("1e400")),
                    DecimalNode.valueOf(new BigDecimal("0.000000000000000000001")),
                    NODES.numberNode(-5)));
            case "boolean" -> values.addAll(List.of(new TextNode("true"), NODES.numberNode(1)));
            case "array" -> {
                values.add(new TextNode("x"));
                ArrayNode wrongItems = NODES.arrayNode();
                wrongItems.add(NODES.objectNode());
                values.add(wrongItems);
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < 1_000; i++) {
                    many.add(i);
                }
                values.add(many);
            }
            default -> values.addAll(List.of(new TextNode("x"), NODES.numberNode(1)));
        }
        return values;
    }

    // ------------------------------------------------------------------------------------------------ the checks

    private void check(Operation operation, Case sent, List<String> failures) {
        String before = eventStore();
        Response response;
        try {
            response = sent.caller()
                    .send(
                            operation.method(),
                            sent.path(),
                            sent.body(),
                            sent.headers().toArray(String[]::new));
        } catch (IllegalArgumentException unsendable) {
            // a header value the HTTP client itself refuses to send (MalformedRequestIT sends such bytes raw)
            return;
        } catch (RuntimeException notAnswered) {
            failures.add(sent.what() + ": " + notAnswered);
            return;
        }
        int status = response.status();
        String what = sent.what() + " -> " + status + " " + shorten(response.body());
        JsonNode documented = operation.spec().path("responses");
        if (status >= 500) {
            failures.add(what);
            return;
        }
        if (status < 400) {
            if (!documented.has(Integer.toString(status))) {
                failures.add(what + " (status not in the document)");
            }
            return;
        }
        String after = eventStore();
        if (!after.equals(before)) {
            failures.add(what + " (event store changed from " + before + " to " + after + ")");
        }
        String type = response.header("Content-Type");
        if (type == null || !type.startsWith(PROBLEM)) {
            failures.add(what + " (Content-Type " + type + ")");
            return;
        }
        JsonNode problem;
        try {
            problem = response.json();
        } catch (RuntimeException notJson) {
            failures.add(what + " (not JSON)");
            return;
        }
        if (!problem.hasNonNull("type")
                || !problem.hasNonNull("title")
                || problem.path("status").asInt() != status
                || problem.path("code").asText().isBlank()) {
            failures.add(what + " (incomplete Problem Details)");
        }
        JsonNode answer = documented.path(Integer.toString(status));
        if (answer.isMissingNode()) {
            failures.add(what + " (status not in the document)");
        } else if (answer.has("x-codes")
                && !answer.get("x-codes")
                        .toString()
                        .contains("\"" + problem.path("code").asText() + "\"")) {
            failures.add(what + " (code not in the document: " + answer.get("x-codes") + ")");
        }
    }

    private long parkedEvents() {
        long parked = 0;
        for (JsonNode projection : api.get("/api/v1/admin/projections").json()) {
            parked += projection.path("parkedEvents").asLong();
        }
        return parked;
    }

    private String eventStore() {
        return jdbc.queryForObject(
                "SELECT count(*) || ':' || coalesce(max(global_index), 0) FROM domain_event_entry", String.class);
    }

    // ------------------------------------------------------------------------------------------------ the document

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = docs.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                String verb = method.getKey().toUpperCase();
                Set<Role> roles = AccessPolicy.RULES.stream()
                        .filter(rule ->
                                rule.method().name().equals(verb) && rule.path().equals(path.getKey()))
                        .findFirst()
                        .map(AccessPolicy.Rule::roles)
                        .orElse(Set.of());
                operations.add(new Operation(verb, path.getKey(), method.getValue(), roles));
            }
        }
        operations.sort((a, b) -> a.toString().compareTo(b.toString()));
        return operations;
    }

    private JsonNode jsonBody(Operation operation) {
        JsonNode schema = operation.spec().at("/requestBody/content/application~1json/schema");
        return schema.isMissingNode() ? null : schema;
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : docs.at(ref.substring(1));
    }

    /** A plausible value of a schema: what the fields' names and formats ask for, unique where it must be. */
    private JsonNode value(JsonNode schema, String name, Fixtures fixtures) {
        JsonNode resolved = resolve(schema);
        Instant now = Instant.now();
        switch (name) {
            case "mobile" -> {
                return new TextNode(mobile());
            }
            case "email" -> {
                return new TextNode(marker() + "@example.com");
            }
            case "memberId" -> {
                return new TextNode(fixtures.member());
            }
            case "id" -> {
                return new TextNode("f-" + marker());
            }
            case "timeZone" -> {
                return new TextNode("Asia/Shanghai");
            }
            case "startsAt" -> {
                return new TextNode(now.minus(Duration.ofHours(1)).toString());
            }
            case "endsAt" -> {
                return new TextNode(now.plus(Duration.ofDays(2)).toString());
            }
            case "until" -> {
                return new TextNode(now.plus(Duration.ofDays(30)).toString());
            }
            case "occurredAt" -> {
                return new TextNode(now.minus(Duration.ofMinutes(1)).toString());
            }
            default -> {}
        }
        String type = resolved.path("type").asText(resolved.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> fields =
                                resolved.path("properties").fields();
                        fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    object.set(field.getKey(), value(field.getValue(), field.getKey(), fixtures));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (name.equals("levels")) {
                    List.of(1, 2, 3, 4, 5).forEach(array::add);
                } else {
                    array.add(value(resolved.path("items"), "", fixtures));
                }
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(Math.max(1, resolved.path("minimum").asLong(1)));
            }
            case "number" -> {
                return resolved.has("example")
                        ? resolved.get("example")
                        : DecimalNode.valueOf(BigDecimal.valueOf(
                                Math.max(1, resolved.path("minimum").asDouble(1))));
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            default -> {
                if (resolved.has("enum")) {
                    return resolved.get("enum").get(0);
                }
                return switch (resolved.path("format").asText()) {
                    case "date-time" -> new TextNode(now.toString());
                    case "date" -> new TextNode("1990-05-01");
                    case "uuid" -> new TextNode(fixtures.member());
                    default -> new TextNode(name.equals("name") || name.startsWith("name") ? "Fuzz" : "f" + marker());
                };
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    private String path(Operation operation, Fixtures fixtures, Map<String, String> replaced) {
        String path = operation.path();
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode parameter : operation.spec().path("parameters")) {
            if (parameter.path("in").asText().equals("path")) {
                String name = parameter.get("name").asText();
                values.put(
                        name,
                        replaced.containsKey(name)
                                ? replaced.get(name)
                                : pathValue(operation, name, resolve(parameter.path("schema")), fixtures));
            }
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    private static String pathValue(Operation operation, String name, JsonNode schema, Fixtures fixtures) {
        if (schema.path("type").asText().equals("integer")) {
            return "1";
        }
        return switch (name) {
            case "id" -> fixtures.member();
            case "benefitId" -> fixtures.benefit();
            case "activityId" -> fixtures.activity();
                // a replay of a real projection would disturb the other test classes sharing the application
            case "name" -> operation.method().equals("GET") ? "members" : "no-such-projection";
            case "report" -> "points-liability";
            default -> "x";
        };
    }

    /** Fixtures of their own for an operation that may change them, so that one operation's cases cannot spoil another's. */
    private Fixtures fresh(Operation operation) {
        String path = operation.path();
        boolean member = path.contains("{id}") || path.startsWith("/api/v1/me");
        boolean benefit = path.startsWith("/api/v1/benefits/{benefitId}");
        boolean activity = path.startsWith("/api/v1/activities/{activityId}");
        return new Fixtures(
                member ? registered() : shared.member(),
                benefit ? benefit() : shared.benefit(),
                activity ? activity() : shared.activity());
    }

    private Api caller(Operation operation, Fixtures fixtures) {
        if (!operation.secured() || operation.roles().contains(Role.MEMBER_ADMIN)) {
            return api;
        }
        if (operation.roles().contains(Role.MEMBER)) {
            return api.asMember(fixtures.member());
        }
        return api.as(USERS.get(operation.roles().iterator().next()));
    }

    private String registered() {
        Response registered = api.post("/api/v1/members", member("Fuzz", mobile(), marker() + "@example.com"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String id = registered.json().get("id").asText();
        Response purchase = api.post("/api/v1/members/" + id + "/purchases", "{\"orderId\":\"o-1\",\"amount\":100.00}");
        assertThat(purchase.status()).as(purchase.toString()).isEqualTo(200);
        Response credited =
                api.post("/api/v1/members/" + id + "/points/adjust", "{\"points\":5000,\"reason\":\"fuzz\"}");
        assertThat(credited.status()).as(credited.toString()).isEqualTo(200);
        return id;
    }

    private String benefit() {
        String id = "fuzz-" + marker();
        Response created = api.post(
                "/api/v1/benefits",
                "{\"id\":\"" + id + "\",\"nameZh\":\"礼品\",\"nameEn\":\"Gift\",\"type\":\"GIFT\",\"levels\":[1,2,3,4,5],"
                        + "\"quota\":{\"uses\":1000,\"period\":\"MONTH\"},\"pointsPrice\":10}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private String activity() {
        Instant now = Instant.now();
        Response created = api.post(
                "/api/v1/activities",
                "{\"name\":\"Fuzz\",\"startsAt\":\"" + now.minus(Duration.ofHours(1)) + "\",\"endsAt\":\""
                        + now.plus(Duration.ofDays(2)) + "\",\"capacity\":100000,\"rewardPoints\":1}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(api.post("/api/v1/activities/" + id + "/open", null).status())
                .isEqualTo(200);
        return id;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static <T> List<T> pick(Random random, int count, List<T> from) {
        List<T> shuffled = new ArrayList<>(from);
        Collections.shuffle(shuffled, random);
        return ALL ? shuffled : shuffled.subList(0, Math.min(count, shuffled.size()));
    }

    private static String write(JsonNode node) {
        try {
            return ESCAPING.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shorten(String text) {
        String printable = text == null ? "null" : text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }
}
