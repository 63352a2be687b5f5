package org.memberhub.api.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.memberhub.kernel.audit.AuditEntry;

/**
 * One page of the global audit log, newest first.
 *
 * @param nextCursor the cursor of the next page (keyset paging), null on the last page
 * @param next the next page's link: this request with {@code cursor} set and {@code page} dropped
 */
record AuditLogPageResponse(
        List<AuditEntry> items,
        int page,
        int size,
        long total,
        @Schema(description = "pass as cursor to get the page after this one; null on the last page") String nextCursor,
        @Schema(description = "link to the page after this one; null on the last page") String next) {}
