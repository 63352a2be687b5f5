package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.memberhub.MemberHubApplication;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.it.Api.Response;
import org.memberhub.query.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code json-logs} profile writes every log line as one ECS JSON object; the lines of a request carry its
 * {@code X-Request-Id} as {@code requestId}, which the response returns and the events it caused keep in their
 * metadata. A request without an id (or with one that is not plausible) gets a new one.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void linesAreEcsJsonWithTheRequestIdThatTheEventsAlsoCarry(CapturedOutput output) throws Exception {
        Path data = Files.createTempDirectory("memberhub-json-logs-");
        try (TestDatabase database = TestDatabase.create();
                ConfigurableApplicationContext application = new SpringApplicationBuilder(MemberHubApplication.class)
                        .profiles("postgres", "json-logs")
                        .run(
                                "--server.port=0",
                                "--memberhub.data-dir=" + data,
                                "--spring.datasource.url=" + database.url(),
                                "--spring.datasource.username=" + database.user(),
                                "--spring.datasource.password=" + database.password(),
                                "--memberhub.security.dev-issuer.enabled=true",
                                // the per-request line, off by default
                                "--logging.level.org.memberhub.config.RequestIdConfig=debug")) {
            Api api = new Api(
                    Integer.parseInt(application.getEnvironment().getProperty("local.server.port")),
                    ApiClientConfig.tokens(application.getBean(DevTokenIssuer.class)));

            String requestId = "json-logs-it-" + TestMembers.marker();
            Response registered = api.as("staff")
                    .post(
                            "/api/v1/members",
                            TestMembers.member("Json Logs", TestMembers.mobile(), null),
                            "X-Request-Id",
                            requestId);
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            assertThat(registered.header("X-Request-Id")).isEqualTo(requestId);
            String memberId = registered.json().get("id").asText();

            // the request's own line is written once the response has gone out: wait for it
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> output.getOut().contains("answered 201")
                            && linesOf(output, requestId).stream()
                                    .anyMatch(line ->
                                            line.path("message").asText().startsWith("POST /api/v1/members")));
            List<JsonNode> lines = linesOf(output, requestId);
            assertThat(lines).as("log lines of the request").isNotEmpty();
            for (JsonNode line : lines) {
                assertThat(line.path("@timestamp").isTextual())
                        .as(line.toString())
                        .isTrue();
                assertThat(ecs(line, "log", "level")).as(line.toString()).isNotEmpty();
                assertThat(ecs(line, "ecs", "version")).as(line.toString()).isNotEmpty();
                assertThat(ecs(line, "service", "name")).as(line.toString()).isEqualTo("memberhub");
                assertThat(line.path("requestId").asText()).isEqualTo(requestId);
            }
            assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asText())
                    .isEqualTo("POST /api/v1/members answered 201 in " + millis(line) + " ms"));

            String metaData = new JdbcTemplate(database.dataSource())
                    .queryForObject(
                            "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry"
                                    + " WHERE aggregate_identifier = ? AND sequence_number = 0",
                            String.class,
                            memberId);
            assertThat(metaData).contains("\"requestId\":\"" + requestId + "\"");

            for (String[] headers : new String[][] {{}, {"X-Request-Id", "not a plausible id"}}) {
                Response other = api.anonymous().get("/health", headers);
                assertThat(other.status()).isEqualTo(200);
                assertThat(other.header("X-Request-Id")).matches("[0-9a-f]{32}");
            }
        }
    }

    private static List<JsonNode> linesOf(CapturedOutput output, String requestId) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.getOut().split("\\R")) {
            if (line.contains(requestId) && line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /**
     * Logback is configured once per JVM: while another test's application is alive (Spring keeps test contexts), a
     * new application leaves the logging as it is. Marked unconfigured, it is configured again by this test's.
     */
    @BeforeEach
    void loggingConfiguredByThisApplication() {
        LoggingSystem.get(JsonLogsIT.class.getClassLoader()).cleanUp();
    }

    /**
     * Spring Boot hands the structured format to Logback through system properties, which outlive the application:
     * without this, every later test of the JVM would log JSON.
     */
    @AfterEach
    void plainLogsAgain() {
        System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
        System.clearProperty("FILE_LOG_STRUCTURED_FORMAT");
        LoggingSystem logging = LoggingSystem.get(JsonLogsIT.class.getClassLoader());
        logging.cleanUp();
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
    }

    /** An ECS field, nested ({@code {"log":{"level":..}}}) or flat ({@code "log.level"}). */
    private static String ecs(JsonNode line, String parent, String child) {
        JsonNode nested = line.path(parent).path(child);
        return nested.isMissingNode() ? line.path(parent + "." + child).asText() : nested.asText();
    }

    private static String millis(JsonNode line) {
        return line.path("message").asText().replaceAll(".* in (\\d+) ms$", "$1");
    }
}
