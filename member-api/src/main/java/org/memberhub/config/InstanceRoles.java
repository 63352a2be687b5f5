package org.memberhub.config;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * What this instance does, chosen by {@code memberhub.roles} (comma-separated; default all three): {@code command}
 * handles commands and runs the sweep of due transitions, {@code query} runs the projectors, {@code sync} consumes
 * Kafka's purchases and refunds and runs the scheduled sync with the external member system. Every instance answers
 * reads from the shared read models, whatever its roles.
 *
 * <p>On PostgreSQL alone commands are routed only within an instance (no distributed command bus), so an instance
 * without {@code command} refuses them ({@code 503 COMMANDS_NOT_HANDLED_HERE}); on the {@code axonserver} profile it
 * forwards them through Axon Server ({@link DispatchOnlyCommandBus}). Either way {@code sync}, which sends commands,
 * needs {@code command} on the same instance.
 */
public enum InstanceRoles {
    COMMAND,
    QUERY,
    SYNC;

    static final String PROPERTY = "memberhub.roles";

    /** The roles configured in the environment; unknown or inconsistent ones stop the start with the reason. */
    static Set<InstanceRoles> of(Environment environment) {
        String configured = environment.getProperty(PROPERTY, "command,query,sync");
        Set<InstanceRoles> roles = EnumSet.noneOf(InstanceRoles.class);
        for (String name : configured.split(",")) {
            String role = name.trim().toLowerCase(Locale.ROOT);
            if (role.equals("all")) {
                roles.addAll(EnumSet.allOf(InstanceRoles.class));
            } else if (!role.isEmpty()) {
                try {
                    roles.add(valueOf(role.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException unknown) {
                    throw new IllegalStateException(PROPERTY + "=" + configured + ": unknown role '" + role
                            + "' (command, query, sync or all)");
                }
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalStateException(PROPERTY + " is empty: give command, query, sync or all");
        }
        if (roles.contains(SYNC) && !roles.contains(COMMAND)) {
            throw new IllegalStateException(PROPERTY + "=" + configured
                    + ": the sync role sends commands (Kafka purchases and refunds, the external sync), which only"
                    + " this instance's command side can handle; add the command role");
        }
        return roles;
    }

    /**
     * Turns the roles into the switches of the modules, as defaults that an explicit setting still overrides (the
     * property source comes last): no query, no projectors; no sync, no Kafka listeners and no scheduled sync; no
     * command, no sweep.
     */
    public static final class Defaults implements EnvironmentPostProcessor {

        @Override
        public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
            Set<InstanceRoles> roles = of(environment);
            Map<String, Object> defaults = new LinkedHashMap<>();
            if (!roles.contains(QUERY)) {
                defaults.put("memberhub.query.projectors-enabled", "false");
            }
            if (!roles.contains(SYNC)) {
                defaults.put("memberhub.kafka.listen", "false");
                defaults.put("memberhub.sync.interval", "0s");
            }
            if (!roles.contains(COMMAND)) {
                defaults.put("memberhub.command.sweep-enabled", "false");
            }
            if (!defaults.isEmpty()) {
                environment.getPropertySources().addLast(new MapPropertySource("memberhubRoles", defaults));
            }
        }
    }
}
