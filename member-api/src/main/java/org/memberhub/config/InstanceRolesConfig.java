package org.memberhub.config;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.TargetContextResolver;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.command.CommandLoadFactorProvider;
import org.axonframework.axonserver.connector.command.CommandPriorityCalculator;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.serialization.Serializer;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** What an instance without some of the roles of {@link InstanceRoles} does differently at run time. */
@Configuration(proxyBeanMethods = false)
class InstanceRolesConfig {

    /**
     * Without the command role, on PostgreSQL alone (no distributed command bus), every command is refused before it
     * is dispatched: {@code 503 COMMANDS_NOT_HANDLED_HERE} with {@code Retry-After}, nothing changed. (Through nginx,
     * a PUT or DELETE refused so goes on to the next instance; a POST does not, unless it carries an
     * Idempotency-Key.)
     */
    @Bean
    @Conditional(WithoutCommandRole.class)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    MessageDispatchInterceptor<CommandMessage<?>> refuseCommandsWithoutCommandRole() {
        return messages -> (index, message) -> {
            throw new DomainException(ErrorCode.COMMANDS_NOT_HANDLED_HERE);
        };
    }

    /**
     * Without the command role on Axon Server (the {@code axonserver} profile), commands are forwarded: the bus
     * dispatches them through Axon Server to an instance with the role and subscribes no handler of its own. It takes
     * the place of the Axon Server command bus that Axon's auto-configuration would build (which backs off when a
     * command bus exists), built from the same parts.
     */
    @Bean
    @Primary
    @Conditional(WithoutCommandRole.class)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
    AxonServerCommandBus dispatchOnlyCommandBus(
            AxonServerConnectionManager connectionManager,
            AxonServerConfiguration configuration,
            @Qualifier("localSegment") CommandBus localSegment,
            @Qualifier("messageSerializer") Serializer messageSerializer,
            RoutingStrategy routingStrategy,
            CommandPriorityCalculator priorityCalculator,
            CommandLoadFactorProvider loadFactorProvider,
            TargetContextResolver<? super CommandMessage<?>> targetContextResolver,
            CommandBusSpanFactory spanFactory) {
        return new DispatchOnlyCommandBus(AxonServerCommandBus.builder()
                .axonServerConnectionManager(connectionManager)
                .configuration(configuration)
                .localSegment(localSegment)
                .serializer(messageSerializer)
                .routingStrategy(routingStrategy)
                .priorityCalculator(priorityCalculator)
                .loadFactorProvider(loadFactorProvider)
                .targetContextResolver(targetContextResolver)
                .spanFactory(spanFactory));
    }

    static final class WithoutCommandRole implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !InstanceRoles.of(context.getEnvironment()).contains(InstanceRoles.COMMAND);
        }
    }
}
