package org.memberhub.kernel.points;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberId;

/** Records a paid order; the same order id again changes nothing. */
public record RecordPurchaseCommand(
        @TargetAggregateIdentifier MemberId memberId, String orderId, Money amount, Instant occurredAt) {}
