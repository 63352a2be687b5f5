package org.memberhub.kernel.activity;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ActivityOpenedEvent(ActivityId activityId) {}
