package org.memberhub.kernel.audit;

import java.util.List;

/**
 * One page of the global audit log, newest first.
 *
 * @param next the global index the next page goes on from (its entries are all older); null on the last page
 */
public record AuditLogPage(List<AuditEntry> items, int page, int size, long total, Long next) {

    public AuditLogPage(List<AuditEntry> items, int page, int size, long total) {
        this(items, page, size, total, null);
    }
}
