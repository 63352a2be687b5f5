package org.memberhub.kernel.audit;

import java.util.List;

public record AuditLogChunk(List<AuditEntry> items) {}
