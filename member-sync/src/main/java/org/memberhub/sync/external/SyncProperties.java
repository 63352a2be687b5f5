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
 */
@ConfigurationProperties("memberhub.sync")
public record SyncProperties(
        @DefaultValue External external, @DefaultValue("PT1H") Duration interval, @DefaultValue("2m") Duration lease) {

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
