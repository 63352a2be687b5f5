package org.memberhub.sync.external;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The external member system and how it is synced.
 *
 * @param baseUrl where its member API lives ({@code GET <baseUrl>/members}); no sync without it
 * @param token sent as {@code Authorization: Bearer <token>} when set
 * @param pageSize records asked for per page
 * @param connectTimeout time to connect
 * @param readTimeout time to wait for a page
 * @param interval time between scheduled incremental runs; zero to start runs only by hand
 * @param lease how long a run may go without renewing its claim before another instance may start one
 * @param overlap how far before the watermark an incremental run starts reading, so that records the external system
 *     stamped slightly earlier than ones already read are not missed; records read again are skipped as applied
 * @param quarantineAfter how many runs may fail on one version of a record before it is quarantined: it then no longer
 *     holds the watermark back
 * @param decisionRetention how long each run's per-record decisions are kept (counted from the run's start); older
 *     ones are deleted at the end of a run, the runs' counts and errors stay
 */
@ConfigurationProperties("memberhub.sync")
public record SyncProperties(
        @DefaultValue External external,
        @DefaultValue("PT1H") Duration interval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("5m") Duration overlap,
        @DefaultValue("5") int quarantineAfter,
        @DefaultValue("30d") Duration decisionRetention) {

    public SyncProperties {
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("memberhub.sync.overlap must not be negative");
        }
        if (quarantineAfter < 1) {
            throw new IllegalArgumentException("memberhub.sync.quarantine-after must be at least 1");
        }
        if (decisionRetention.isNegative()) {
            throw new IllegalArgumentException("memberhub.sync.decision-retention must not be negative");
        }
    }

    public record External(
            URI baseUrl,
            String token,
            @DefaultValue("100") int pageSize,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout) {}

    boolean configured() {
        return external.baseUrl() != null;
    }
}
