package org.memberhub.kernel.points;

import java.util.List;

/** The members the sweep skips: how many, and the first of them, the earliest poisoned first. */
public record PoisonedDueTransitions(long count, List<PoisonedDueTransition> members) {}
