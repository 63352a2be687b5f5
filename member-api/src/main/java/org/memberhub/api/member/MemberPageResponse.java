package org.memberhub.api.member;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of the member list.
 *
 * @param total the members matching: exact while few match (at most {@code memberhub.query.exact-count-limit}),
 *     otherwise PostgreSQL's estimate
 * @param totalEstimated whether {@code total} is an estimate
 * @param nextCursor the cursor of the next page (keyset paging), null on the last page
 * @param next the next page's link: this request with {@code cursor} set and {@code page} dropped
 */
record MemberPageResponse(
        List<MemberResponse> items,
        int page,
        int size,
        long total,
        @Schema(description = "true when total is the database's estimate rather than a count") boolean totalEstimated,
        @Schema(description = "pass as cursor to get the page after this one; null on the last page") String nextCursor,
        @Schema(description = "link to the page after this one; null on the last page") String next) {}
