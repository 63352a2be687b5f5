package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.memberhub.MemberHubApplication;
import org.memberhub.config.DispatchOnlyCommandBus;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.RecordPurchaseCommand;
import org.memberhub.query.testing.TestDatabase;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code axonserver} profile's wiring, without an Axon Server (none is reachable in CI): the application context
 * starts on the profile with the connector pointed at a loopback port nobody listens on, and the event store, the
 * command bus and the query bus are Axon Server's, the storage engine the history and audit read is Axon Server's
 * (not the JDBC one on PostgreSQL), while the default profile keeps the PostgreSQL event store (checked by every other
 * test). Connection attempts are bounded (connect timeout, reconnect interval) and the whole test by a preemptive
 * timeout, so a connector that waited for its server would fail the test rather than hang the build.
 */
class AxonServerProfileIT {

    @Test
    void theProfileWiresAxonServersEventStoreAndBuses() throws Exception {
        onTheProfile(application -> {
            assertThat(application.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(application.getBean(EventBus.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(application.getBean(CommandBus.class))
                    .isInstanceOf(AxonServerCommandBus.class)
                    .isNotInstanceOf(DispatchOnlyCommandBus.class);
            assertThat(application.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
            EventStorageEngine engine = application.getBean(EventStorageEngine.class);
            assertThat(engine).isNotInstanceOf(JdbcEventStorageEngine.class);
            assertThat(engine.getClass().getName()).contains("AxonServerEventStore");
            assertThat(application.getBeansOfType(JdbcEventStorageEngine.class))
                    .as("no PostgreSQL event store on this profile")
                    .isEmpty();
            assertThat(localSegmentHandles(application))
                    .as("the member's commands are handled here")
                    .isTrue();
        });
    }

    /**
     * An instance without the command role forwards commands through Axon Server instead of refusing them: its bus
     * dispatches, no handler is subscribed on it (so Axon Server never routes a command here), and the refusal of the
     * PostgreSQL setup is not installed.
     */
    @Test
    void withoutTheCommandRoleCommandsAreForwardedNotHandledNorRefused() throws Exception {
        onTheProfile(
                application -> {
                    assertThat(application.getBean(CommandBus.class)).isInstanceOf(DispatchOnlyCommandBus.class);
                    assertThat(application.containsBean("refuseCommandsWithoutCommandRole"))
                            .as("no 503 COMMANDS_NOT_HANDLED_HERE on Axon Server")
                            .isFalse();
                    assertThat(localSegmentHandles(application))
                            .as("no command handler subscribed here")
                            .isFalse();
                },
                "--memberhub.roles=query");
    }

    /** Whether the instance's own segment of the command bus has a handler for a member's purchase. */
    private static boolean localSegmentHandles(ConfigurableApplicationContext application) {
        CommandBus localSegment = BeanFactoryAnnotationUtils.qualifiedBeanOfType(
                application.getBeanFactory(), CommandBus.class, "localSegment");
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        localSegment.dispatch(
                GenericCommandMessage.asCommandMessage(new RecordPurchaseCommand(
                        MemberId.newId(), "o-" + MemberId.newId(), Money.ofYuan("10.00"), null)),
                callback);
        Throwable failure = callback.getResult().optionalExceptionResult().orElse(null);
        return !(failure instanceof NoHandlerForCommandException);
    }

    private static void onTheProfile(Consumer<ConfigurableApplicationContext> check, String... arguments)
            throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("memberhub-axonserver-");
        int port = closedPort;
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            try (TestDatabase database = TestDatabase.create()) {
                List<String> all = new ArrayList<>(List.of(
                        "--server.port=0",
                        "--memberhub.data-dir=" + data,
                        "--spring.datasource.url=" + database.url(),
                        "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password(),
                        "--memberhub.security.dev-issuer.enabled=true",
                        // nothing listens there: every connection attempt is refused at once
                        "--axon.axonserver.servers=127.0.0.1:" + port,
                        "--axon.axonserver.connect-timeout=1000",
                        "--axon.axonserver.reconnect-interval=1000",
                        // seeding the benefit catalogue sends commands at start, which need the server
                        "--memberhub.benefits.seed-defaults=false"));
                all.addAll(List.of(arguments));
                try (ConfigurableApplicationContext application = new SpringApplicationBuilder(
                                MemberHubApplication.class)
                        .profiles("postgres", "axonserver")
                        .run(all.toArray(String[]::new))) {
                    assertThat(application
                                    .getBean(AxonServerConfiguration.class)
                                    .getServers())
                            .isEqualTo("127.0.0.1:" + port);
                    check.accept(application);
                }
            }
        });
    }
}
