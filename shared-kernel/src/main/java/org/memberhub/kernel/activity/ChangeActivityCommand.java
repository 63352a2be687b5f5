package org.memberhub.kernel.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeActivityCommand(
        @TargetAggregateIdentifier ActivityId activityId, ActivityTerms terms, Long expectedVersion) {}
