package org.memberhub.config;

import javax.annotation.Nonnull;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandler;

/**
 * Axon Server's command bus for an instance without the {@code command} role: it dispatches commands (Axon Server
 * routes them to an instance that handles them) but subscribes no handler, neither locally nor at Axon Server, so
 * no command is ever routed here.
 */
public final class DispatchOnlyCommandBus extends AxonServerCommandBus {

    DispatchOnlyCommandBus(Builder builder) {
        super(builder);
    }

    @Override
    public Registration subscribe(
            @Nonnull String commandName, @Nonnull MessageHandler<? super CommandMessage<?>> messageHandler) {
        return () -> true;
    }
}
