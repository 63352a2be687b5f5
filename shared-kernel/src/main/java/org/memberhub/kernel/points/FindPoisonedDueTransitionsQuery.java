package org.memberhub.kernel.points;

/** The members the sweep skips after failing them too often; answers {@link PoisonedDueTransitions}. */
public record FindPoisonedDueTransitionsQuery(int limit) {}
