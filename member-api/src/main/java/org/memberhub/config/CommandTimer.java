package org.memberhub.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nonnull;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Command latency per command type: {@code memberhub.command.handling} (seconds), tagged with the command's simple name
 * and whether it succeeded, from the moment the handling instance starts it until its unit of work is cleaned up
 * (after the commit or the rollback). No percentile histogram unless configured
 * ({@code management.metrics.distribution.percentiles-histogram.memberhub.command.handling=true}): a timer is a count,
 * a sum and a maximum, cheap enough for every command.
 */
final class CommandTimer implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String NAME = "memberhub.command.handling";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    CommandTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handle(@Nonnull UnitOfWork<? extends CommandMessage<?>> unitOfWork, @Nonnull InterceptorChain chain)
            throws Exception {
        long start = System.nanoTime();
        String command = simpleName(unitOfWork.getMessage().getCommandName());
        unitOfWork.onCleanup(u -> {
            boolean failed = u.isRolledBack()
                    || (u.getExecutionResult() != null && u.getExecutionResult().isExceptionResult());
            timer(command, failed ? "failure" : "success")
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        });
        return chain.proceed();
    }

    private Timer timer(String command, String outcome) {
        return timers.computeIfAbsent(command + '/' + outcome, key -> Timer.builder(NAME)
                .description("Time from the start of a command's handling to the end of its unit of work")
                .tag("command", command)
                .tag("outcome", outcome)
                .register(registry));
    }

    static String simpleName(String commandName) {
        int dot = commandName.lastIndexOf('.');
        int dollar = commandName.lastIndexOf('$');
        return commandName.substring(Math.max(dot, dollar) + 1);
    }
}
