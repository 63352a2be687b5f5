package org.memberhub.kernel.points;

/** Puts every poisoned member back in the sweep's schedule; answers how many (an Integer). */
public record RetryPoisonedDueTransitionsCommand() {}
