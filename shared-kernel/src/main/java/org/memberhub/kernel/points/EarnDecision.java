package org.memberhub.kernel.points;

public record EarnDecision(EarnType type, String reference, long points, Integer lotNo) {}
