package org.memberhub.sync.external;

import java.net.http.HttpClient;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * Reads the external member API, page by page in (updatedAt, externalId) order:
 * {@code GET <baseUrl>/members?updatedSince=<instant>&afterId=<externalId>&size=<n>}. The next page starts after the
 * last record of the previous one (keyset paging), so records changed during a run are never skipped.
 */
class ExternalMemberClient {

    private final RestClient http;
    private final int pageSize;

    ExternalMemberClient(SyncProperties.External external) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(external.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(external.readTimeout());
        RestClient.Builder builder =
                RestClient.builder().baseUrl(external.baseUrl().toString()).requestFactory(requests);
        if (external.token() != null && !external.token().isBlank()) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + external.token());
        }
        this.http = builder.build();
        this.pageSize = external.pageSize();
    }

    /**
     * The records after the given position.
     *
     * @param updatedSince the first update time to read (inclusive); null for all
     * @param afterId with {@code updatedSince}: skip the records of that update time up to and including this id
     * @throws org.springframework.web.client.RestClientException when the API cannot be reached or answers an error
     */
    ExternalMemberPage page(Instant updatedSince, String afterId) {
        ExternalMemberPage page = http.get()
                .uri(uri -> {
                    UriBuilder builder = uri.path("/members").queryParam("size", pageSize);
                    if (updatedSince != null) {
                        builder.queryParam("updatedSince", updatedSince.toString());
                    }
                    if (afterId != null) {
                        builder.queryParam("afterId", afterId);
                    }
                    return builder.build();
                })
                .retrieve()
                .body(ExternalMemberPage.class);
        if (page == null || page.items() == null) {
            throw new IllegalStateException("the external member API answered no page");
        }
        return page;
    }
}
