package org.memberhub.kernel.audit;

import java.util.List;

public record AuditLogPage(List<AuditEntry> items, int page, int size, long total) {}
