package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with no configuration at all (only its data directory moved to a temporary folder): it runs on an
 * embedded H2 file database and serves a member end to end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ApiClientConfig.class)
class EmbeddedDefaultIT {

    private static final Path DATA_DIR = createDataDir();

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("memberhub.data-dir", DATA_DIR::toString);
    }

    @Autowired
    Api api;

    @Autowired
    DataSource dataSource;

    @Test
    void servesAMemberEndToEndOnTheEmbeddedDatabase() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getURL()).startsWith("jdbc:h2:file:" + DATA_DIR);
        }
        String mobile = mobile();

        Response created = api.post("/api/v1/members", member("Embedded", mobile, "embedded@example.com", "h2"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String token = created.header("X-Consistency-Token");

        Response listed = api.get("/api/v1/members?tag=h2&q=Embed", "X-Consistency-Token", token);
        assertThat(listed.json().get("total").asLong()).isEqualTo(1);
        assertThat(listed.json().get("items").get(0).get("id").asText()).isEqualTo(id);

        Response updated =
                api.put("/api/v1/members/" + id, member("Embedded 2", mobile, null, "h2"), "If-Match", "\"0\"");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/members/" + id, "X-Consistency-Token", updated.header("X-Consistency-Token"))
                        .json()
                        .get("name")
                        .asText())
                .isEqualTo("Embedded 2");
        assertThat(api.post("/api/v1/members", member("Copy", mobile, null)).status())
                .isEqualTo(409);
        assertThat(api.delete("/api/v1/members/" + id).status()).isEqualTo(204);
        assertThat(Files.list(DATA_DIR))
                .anyMatch(file -> file.getFileName().toString().startsWith("memberhub"));
    }

    /** What PostgreSQL could not store is refused at the edge on the embedded database too, not stored. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "NUL in notes | /api/v1/members | {\"name\":\"x\",\"mobile\":\"MOBILE\",\"notes\":\"a\\u0000\"} | notes"
                        + " | INVALID_CHARACTER",
                "lone surrogate | /api/v1/members | {\"name\":\"x\",\"mobile\":\"MOBILE\",\"address\":\"\\ud800x\"}"
                        + " | address | INVALID_CHARACTER",
                "year +999999999 | /api/v1/activities | {\"name\":\"x\",\"startsAt\":\"2026-01-01T00:00:00Z\","
                        + "\"endsAt\":\"+999999999-01-01T00:00:00Z\",\"capacity\":1,\"rewardPoints\":1} | endsAt"
                        + " | OUT_OF_RANGE"
            })
    void refusesWhatPostgreSqlCouldNotStore(String description, String path, String body, String field, String code) {
        Response refused = api.post(path, body.replace("MOBILE", mobile()));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
        assertThat(refused.json().get("errors").get(0).get("code").asText()).isEqualTo(code);
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("memberhub-embedded-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
