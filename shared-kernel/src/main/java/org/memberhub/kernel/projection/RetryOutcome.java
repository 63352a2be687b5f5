package org.memberhub.kernel.projection;

/**
 * What retrying a processing group's parked events achieved.
 *
 * @param succeeded members whose parked events all applied
 * @param failed members whose parked events failed again (or were being retried elsewhere)
 * @param stillParked members with parked events now
 */
public record RetryOutcome(int succeeded, int failed, long stillParked) {}
