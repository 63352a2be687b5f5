package org.memberhub.kernel.audit;

/** Compares every read model with the event store; answers a {@link ConsistencyReport}. */
public record CheckConsistencyQuery() {}
