package org.memberhub.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the command side.
 *
 * @param snapshotThreshold events after which a member aggregate is snapshotted, so that loading it never replays
 *     more than this many events
 */
@ConfigurationProperties("memberhub.command")
public record CommandProperties(@DefaultValue("50") int snapshotThreshold) {}
