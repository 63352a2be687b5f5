package org.memberhub.kernel.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseActivityCommand(
        @TargetAggregateIdentifier ActivityId activityId, String reason, Long expectedVersion) {}
