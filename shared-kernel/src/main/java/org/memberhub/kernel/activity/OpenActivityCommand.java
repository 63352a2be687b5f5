package org.memberhub.kernel.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenActivityCommand(@TargetAggregateIdentifier ActivityId activityId, Long expectedVersion) {}
