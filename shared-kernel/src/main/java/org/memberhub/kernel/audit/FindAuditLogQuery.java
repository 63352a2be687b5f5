package org.memberhub.kernel.audit;

/**
 * One page of the global audit log, newest first: the page numbered {@code page} (from zero), or, with
 * {@code before}, the {@code size} entries that follow the entry of that global index (keyset paging, for deep pages).
 * Answers an {@link AuditLogPage}.
 */
public record FindAuditLogQuery(AuditFilter filter, int page, int size, Long before) {

    public FindAuditLogQuery(AuditFilter filter, int page, int size) {
        this(filter, page, size, null);
    }
}
