package org.memberhub.kernel.audit;

/** One page of the global audit log, newest first; answers an {@link AuditLogPage}. */
public record FindAuditLogQuery(AuditFilter filter, int page, int size) {}
