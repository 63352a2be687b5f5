package org.memberhub.kernel.level;

/** How a manual level combines with the automatic one: a FLOOR (a grant above it) never lowers the member, a CEILING (a demotion below it) never raises the member. */
public enum ManualLevelMode {
    FLOOR,
    CEILING
}
