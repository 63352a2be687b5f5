package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.memberhub.MemberHubApplication;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.it.Api.Response;
import org.memberhub.query.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances with different roles ({@code memberhub.roles}) on one database: the one with only the command role
 * handles commands and runs no projector; the one with only the query role projects what the other decided, answers
 * reads, and refuses commands with {@code 503 COMMANDS_NOT_HANDLED_HERE}, changing nothing. Roles that cannot work
 * together stop the start with the reason.
 */
class InstanceRolesIT {

    @Test
    void aCommandInstanceAndAQueryInstanceShareTheWork() throws Exception {
        Path data = Files.createTempDirectory("memberhub-roles-");
        try (TestDatabase database = TestDatabase.create();
                ConfigurableApplicationContext commands = start(database, data, "command");
                ConfigurableApplicationContext queries = start(database, data, "query")) {
            Api commandApi = api(commands);
            Api queryApi = api(queries);

            assertThat(running(commands).values())
                    .as("projectors of the command instance")
                    .containsOnly(false);
            assertThat(running(queries).values())
                    .as("projectors of the query instance")
                    .containsOnly(true);
            assertThat(commands.containsBean("dueTransitionSweep")).isTrue();
            assertThat(queries.containsBean("dueTransitionSweep"))
                    .as("no scheduled sweep without the command role")
                    .isFalse();
            for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {commands, queries}) {
                assertThat(instance.getEnvironment().getProperty("memberhub.kafka.listen"))
                        .as("no Kafka listeners without the sync role")
                        .isEqualTo("false");
                assertThat(instance.getEnvironment().getProperty("memberhub.sync.interval"))
                        .isEqualTo("0s");
            }

            Response registered = commandApi.as("staff").post("/api/v1/members", member("Roles", mobile(), null));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            String id = registered.json().get("id").asText();
            String written = registered.header("X-Consistency-Token");
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                Response read = queryApi.as("staff").get("/api/v1/members/" + id, "X-Consistency-Token", written);
                assertThat(read.status()).as(read.toString()).isEqualTo(200);
                assertThat(read.json().get("name").asText()).isEqualTo("Roles");
            });

            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            long eventsBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            for (String language : new String[] {"en", "zh-CN"}) {
                Response refused = queryApi.as("staff")
                        .post("/api/v1/members", member("Refused", mobile(), null), "Accept-Language", language);
                assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                assertThat(refused.json().get("code").asText()).isEqualTo("COMMANDS_NOT_HANDLED_HERE");
                assertThat(refused.header("Retry-After")).isNotNull();
                assertThat(refused.header("Content-Language")).isEqualTo(language);
                Response freeze = queryApi.as("staff").post("/api/v1/members/" + id + "/freeze", "{}");
                assertThat(freeze.status()).as(freeze.toString()).isEqualTo(503);
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                    .as("the refused commands changed nothing")
                    .isEqualTo(eventsBefore);
        }
    }

    @Test
    void rolesThatCannotWorkStopTheStart() throws Exception {
        Path data = Files.createTempDirectory("memberhub-roles-");
        try (TestDatabase database = TestDatabase.create()) {
            assertThatThrownBy(() -> start(database, data, "query,sync").close())
                    .hasStackTraceContaining("the sync role sends commands")
                    .hasStackTraceContaining("add the command role");
            assertThatThrownBy(() -> start(database, data, "command,reports").close())
                    .hasStackTraceContaining("unknown role 'reports'");
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase database, Path data, String roles) {
        return new SpringApplicationBuilder(MemberHubApplication.class)
                .profiles("postgres")
                .run(
                        "--server.port=0",
                        // one data directory: the same development-issuer key and personal-data master key
                        "--memberhub.data-dir=" + data,
                        "--spring.datasource.url=" + database.url(),
                        "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password(),
                        "--memberhub.security.dev-issuer.enabled=true",
                        "--memberhub.roles=" + roles);
    }

    private static Api api(ConfigurableApplicationContext instance) {
        return new Api(
                Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")),
                ApiClientConfig.tokens(instance.getBean(DevTokenIssuer.class)));
    }

    private static Map<String, Boolean> running(ConfigurableApplicationContext instance) {
        return instance.getBean(EventProcessingConfiguration.class).eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> entry.getValue().isRunning()));
    }
}
