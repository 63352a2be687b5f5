package org.memberhub.kernel.level;

import java.time.Instant;

/** A level set by staff, in force until {@code until} (or until staff end it when null). */
public record ManualLevel(int level, ManualLevelMode mode, Instant until, String reason) {}
