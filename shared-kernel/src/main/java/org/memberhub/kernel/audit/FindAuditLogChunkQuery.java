package org.memberhub.kernel.audit;

/**
 * The next entries of the global audit log after {@code afterGlobalIndex}, oldest first: for reading all of it, a
 * chunk at a time, without holding it in memory. Answers an {@link AuditLogChunk}.
 */
public record FindAuditLogChunkQuery(AuditFilter filter, long afterGlobalIndex, int limit) {}
