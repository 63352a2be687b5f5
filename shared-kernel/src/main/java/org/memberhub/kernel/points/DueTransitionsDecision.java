package org.memberhub.kernel.points;

public record DueTransitionsDecision(int released, int expired, boolean manualLevelEnded) {}
