package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The OpenAPI document says what the API really answers: the bearer scheme, the success status of each operation
 * (201 with Location for creations, 204 without a body, 202 for what runs on), and Problem Details for every error
 * status an operation can answer. {@code ApiFuzzIT} holds the application to it.
 */
@PostgresIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocsIT {

    private static final String PROBLEM = "application/problem+json";

    @Autowired
    Api api;

    private JsonNode docs;

    @BeforeAll
    void document() {
        Response response = api.anonymous().get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        docs = response.json();
    }

    @Test
    void declaresTheBearerSchemeAndWhereItIsNeeded() {
        JsonNode scheme = docs.at("/components/securitySchemes/bearerAuth");
        assertThat(scheme.get("type").asText()).isEqualTo("http");
        assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.get("bearerFormat").asText()).isEqualTo("JWT");

        for (Map.Entry<String, JsonNode> operation : operations()) {
            JsonNode security = operation.getValue().get("security");
            if (operation.getKey().contains(" /api/")) {
                assertThat(security.findValues("bearerAuth"))
                        .as(operation.getKey())
                        .hasSize(1);
                assertThat(operation.getValue().at("/responses/401/content").has(PROBLEM))
                        .as(operation.getKey())
                        .isTrue();
                assertThat(operation.getValue().at("/responses/401/headers").has("WWW-Authenticate"))
                        .isTrue();
                assertThat(operation.getValue().at("/responses/403/content").has(PROBLEM))
                        .as(operation.getKey())
                        .isTrue();
            }
        }
        assertThat(docs.at("/paths/~1dev~1token/post/security")).as("public").isEmpty();
        assertThat(docs.at("/paths/~1api~1v1~1members~1{id}~1erase/post/responses/403/description")
                        .asText())
                .contains("member-admin")
                .doesNotContain("member-staff");
    }

    @Test
    void givesEachOperationItsRealSuccessStatus() {
        for (String created : List.of("/api/v1/members", "/api/v1/benefits", "/api/v1/activities")) {
            JsonNode responses = responses(created, "post");
            assertThat(responses.has("200")).as(created).isFalse();
            assertThat(responses.at("/201/headers").has("Location")).as(created).isTrue();
            assertThat(responses.at("/201/content").has("application/json"))
                    .as(created)
                    .isTrue();
        }
        JsonNode deleted = responses("/api/v1/members/{id}", "delete");
        assertThat(deleted.has("200")).isFalse();
        assertThat(deleted.has("204")).isTrue();
        assertThat(deleted.get("204").has("content")).as("no body").isFalse();
        for (String accepted : List.of("/api/v1/sync/runs", "/api/v1/admin/projections/{name}/replay")) {
            assertThat(responses(accepted, "post").at("/202/headers").has("Location"))
                    .as(accepted)
                    .isTrue();
        }
        for (Map.Entry<String, JsonNode> operation : operations()) {
            List<String> successes = new ArrayList<>();
            operation.getValue().get("responses").fieldNames().forEachRemaining(status -> {
                if (status.startsWith("2")) {
                    successes.add(status);
                }
            });
            assertThat(successes).as(operation.getKey()).hasSize(1);
        }
    }

    @Test
    void documentsEveryErrorAsProblemDetails() {
        JsonNode problem = docs.at("/components/schemas/ProblemDetail");
        assertThat(problem.get("properties").has("type")).isTrue();
        assertThat(problem.get("properties").has("title")).isTrue();
        assertThat(problem.get("properties").has("status")).isTrue();
        assertThat(problem.get("properties").has("code")).isTrue();
        assertThat(problem.get("properties").has("errors")).isTrue();

        for (Map.Entry<String, JsonNode> operation : operations()) {
            JsonNode responses = operation.getValue().get("responses");
            for (String always : List.of("400", "406", "503")) {
                assertThat(responses.has(always))
                        .as(operation.getKey() + " " + always)
                        .isTrue();
            }
            responses.fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    JsonNode content = response.getValue().get("content");
                    assertThat(content.size())
                            .as(operation.getKey() + " " + response.getKey())
                            .isEqualTo(1);
                    assertThat(content.at("/" + PROBLEM.replace("/", "~1") + "/schema/$ref")
                                    .asText())
                            .as(operation.getKey() + " " + response.getKey())
                            .isEqualTo("#/components/schemas/ProblemDetail");
                }
            });
        }
    }

    @Test
    void derivesTheErrorStatusesFromWhatEachOperationTakesAndDeclares() {
        JsonNode register = responses("/api/v1/members", "post");
        assertThat(register.has("404"))
                .as("no path variable, nothing named that may be missing")
                .isFalse();
        assertThat(register.has("412")).as("no If-Match").isFalse();
        assertThat(register.has("415")).as("a JSON body").isTrue();
        assertThat(codes(register, "409")).contains("DUPLICATE_MOBILE", "DUPLICATE_EMAIL");
        assertThat(codes(register, "400")).contains("MALFORMED_JSON", "UNKNOWN_FIELD", "VALIDATION_FAILED");

        JsonNode update = responses("/api/v1/members/{id}", "put");
        assertThat(codes(update, "404")).containsExactlyInAnyOrder("MEMBER_NOT_FOUND", "MEMBER_DELETED");
        assertThat(codes(update, "412")).containsExactly("VERSION_MISMATCH");

        JsonNode read = responses("/api/v1/members/{id}/points", "get");
        assertThat(read.has("415")).as("no body").isFalse();
        assertThat(read.has("409")).isFalse();
        assertThat(codes(read, "503")).contains("READ_MODEL_LAGGING", "SERVICE_UNAVAILABLE");
        assertThat(codes(read, "400"))
                .contains("INVALID_CONSISTENCY_TOKEN", "CONSISTENCY_TOKEN_OTHER_MEMBER", "CONSISTENCY_TOKEN_AHEAD");

        JsonNode ownProfile = responses("/api/v1/me", "put");
        assertThat(codes(ownProfile, "409")).contains("EMAIL_UNAVAILABLE").doesNotContain("DUPLICATE_EMAIL");
        assertThat(codes(ownProfile, "429")).containsExactly("RATE_LIMITED");
        assertThat(responses("/api/v1/me", "get").has("429"))
                .as("reads are not limited")
                .isFalse();

        assertThat(codes(responses("/api/v1/members/{id}/points/spend", "post"), "422"))
                .contains("INSUFFICIENT_POINTS", "DEDUCTION_LIMIT_EXCEEDED");
        assertThat(codes(responses("/api/v1/me/points", "get"), "403")).contains("MEMBER_BINDING_MISSING");
        assertThat(codes(responses("/api/v1/me/points", "get"), "404")).containsExactly("MEMBER_DELETED");

        JsonNode redeem = responses("/api/v1/me/points/redeem", "post");
        assertThat(codes(redeem, "422")).contains("UNKNOWN_PRODUCT", "INSUFFICIENT_POINTS");
        assertThat(codes(redeem, "409")).contains("IDEMPOTENCY_CONFLICT", "MEMBER_FROZEN");
        assertThat(codes(redeem, "429")).containsExactly("RATE_LIMITED");
        assertThat(codes(responses("/api/v1/me/benefits/{benefitId}/use", "post"), "422"))
                .contains("BENEFIT_NOT_GRANTED", "BENEFIT_QUOTA_EXHAUSTED");
        assertThat(codes(responses("/api/v1/me/overview", "get"), "400")).contains("CONSISTENCY_TOKEN_OTHER_MEMBER");
        assertThat(responses("/api/v1/me/rewards", "get").has("200")).isTrue();
    }

    @Test
    void bothLevelOperationsAnswerTheSameSchema() {
        String staff = responses("/api/v1/members/{id}/level", "get")
                .at("/200/content/application~1json/schema/$ref")
                .asText();
        String self = responses("/api/v1/me/level", "get")
                .at("/200/content/application~1json/schema/$ref")
                .asText();

        assertThat(staff).isEqualTo("#/components/schemas/LevelResponse").isEqualTo(self);
    }

    @Test
    void describesIdsByTheirFormat() {
        JsonNode id = docs.at("/paths/~1api~1v1~1members~1{id}/get/parameters/0/schema");
        assertThat(id.get("format").asText()).isEqualTo("uuid");
        assertThat(docs.at("/components/schemas/JoinActivityInput/properties/memberId/format")
                        .asText())
                .isEqualTo("uuid");
    }

    private JsonNode responses(String path, String method) {
        JsonNode responses = docs.get("paths").path(path).path(method).path("responses");
        assertThat(responses.isMissingNode()).as(method + " " + path).isFalse();
        return responses;
    }

    private static List<String> codes(JsonNode responses, String status) {
        List<String> codes = new ArrayList<>();
        responses.path(status).path("x-codes").forEach(code -> codes.add(code.asText()));
        return codes;
    }

    private List<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = docs.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue()
                    .fields()
                    .forEachRemaining(operation -> operations.add(
                            Map.entry(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue())));
        }
        assertThat(operations).hasSizeGreaterThan(60);
        return operations;
    }
}
