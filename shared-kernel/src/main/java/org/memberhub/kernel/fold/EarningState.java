package org.memberhub.kernel.fold;

/** Points earned other than by a purchase (a review, a check-in, a birthday, an activity), and their lot. */
public record EarningState(long points, Integer lotNo) {}
