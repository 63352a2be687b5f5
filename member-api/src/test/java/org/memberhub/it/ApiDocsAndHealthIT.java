package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;

@PostgresIT
class ApiDocsAndHealthIT {

    @Autowired
    Api api;

    @Test
    void publishesTheOpenApiDocument() {
        Response docs = api.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("openapi").asText()).startsWith("3.");
        assertThat(docs.json().get("paths").has("/api/v1/members")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/members/{id}/freeze")).isTrue();
        assertThat(docs.json()
                        .at("/components/schemas/MemberInput/properties/name/maxLength")
                        .asInt())
                .isEqualTo(100);
    }

    @Test
    void servesSwaggerUi() {
        Response ui = api.get("/swagger-ui/index.html");

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("Swagger UI");
    }

    @Test
    void reportsHealthLivenessAndReadiness() {
        for (String path : new String[] {"/health", "/health/liveness", "/health/readiness"}) {
            Response health = api.get(path);
            assertThat(health.status()).as(path).isEqualTo(200);
            assertThat(health.json().get("status").asText()).as(path).isEqualTo("UP");
        }
    }
}
