package org.memberhub.kernel.level;

public record LevelDecision(int fromLevel, int toLevel, ManualLevel manual) {}
