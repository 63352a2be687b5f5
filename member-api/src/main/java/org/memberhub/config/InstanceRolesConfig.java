package org.memberhub.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** What an instance without some of the roles of {@link InstanceRoles} does differently at run time. */
@Configuration(proxyBeanMethods = false)
class InstanceRolesConfig {

    /**
     * Without the command role every command is refused before it is dispatched: {@code 503 COMMANDS_NOT_HANDLED_HERE}
     * with {@code Retry-After}, nothing changed. (Through nginx, a PUT or DELETE refused so goes on to the next
     * instance; a POST does not, unless it carries an Idempotency-Key.)
     */
    @Bean
    @Conditional(WithoutCommandRole.class)
    MessageDispatchInterceptor<CommandMessage<?>> refuseCommandsWithoutCommandRole() {
        return messages -> (index, message) -> {
            throw new DomainException(ErrorCode.COMMANDS_NOT_HANDLED_HERE);
        };
    }

    static final class WithoutCommandRole implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !InstanceRoles.of(context.getEnvironment()).contains(InstanceRoles.COMMAND);
        }
    }
}
