package org.memberhub.kernel.activity;

import java.time.Instant;

/** An activity; {@code version} is the sequence number of its last event. */
public record ActivityView(
        ActivityId id, ActivityTerms terms, ActivityStatus status, int participants, Instant updatedAt, long version) {}
