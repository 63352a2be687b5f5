package org.memberhub.kernel.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateActivityCommand(@TargetAggregateIdentifier ActivityId activityId, ActivityTerms terms) {}
