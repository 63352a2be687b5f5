package org.memberhub.command.benefit;

import static org.memberhub.command.support.CommandChecks.requireVersion;
import static org.memberhub.command.support.CommandChecks.trimToNull;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.memberhub.kernel.benefit.BenefitChangedEvent;
import org.memberhub.kernel.benefit.BenefitCreatedEvent;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitRetiredEvent;
import org.memberhub.kernel.benefit.BenefitRules;
import org.memberhub.kernel.benefit.BenefitStatus;
import org.memberhub.kernel.benefit.BenefitTerms;
import org.memberhub.kernel.benefit.BenefitView;
import org.memberhub.kernel.benefit.ChangeBenefitCommand;
import org.memberhub.kernel.benefit.CreateBenefitCommand;
import org.memberhub.kernel.benefit.RetireBenefitCommand;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.loyalty.LoyaltyRules;

/**
 * A benefit of the catalogue. Every change is also written to the {@link BenefitCatalogue} in the same transaction,
 * which is what members using benefits and the loyalty rules decide with.
 */
@Aggregate
// the shape of its snapshots: raise it with any change of its fields, so that older snapshots are not loaded
@Revision("1")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public class Benefit {

    @AggregateIdentifier
    private BenefitId benefitId;

    private BenefitTerms terms;
    private BenefitStatus status;
    private Instant updatedAt;

    protected Benefit() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    BenefitView handle(CreateBenefitCommand command, LoyaltyRules rules, BenefitCatalogue catalogue) {
        BenefitTerms normalized = BenefitRules.normalize(command.terms(), rules.maxLevel());
        catalogue.add(command.benefitId(), normalized);
        AggregateLifecycle.apply(new BenefitCreatedEvent(command.benefitId(), normalized));
        return view();
    }

    @CommandHandler
    BenefitView handle(ChangeBenefitCommand command, LoyaltyRules rules, BenefitCatalogue catalogue) {
        requireVersion(command.expectedVersion());
        requireActive();
        BenefitTerms normalized = BenefitRules.normalize(command.terms(), rules.maxLevel());
        if (normalized.type() != terms.type()) {
            throw new DomainException(ErrorCode.INVALID_BENEFIT, "the type of a benefit cannot change");
        }
        if (normalized.equals(terms)) {
            return view();
        }
        catalogue.update(benefitId, normalized, BenefitStatus.ACTIVE);
        AggregateLifecycle.apply(new BenefitChangedEvent(benefitId, normalized));
        return view();
    }

    @CommandHandler
    BenefitView handle(RetireBenefitCommand command, BenefitCatalogue catalogue) {
        requireVersion(command.expectedVersion());
        requireActive();
        catalogue.update(benefitId, terms, BenefitStatus.RETIRED);
        AggregateLifecycle.apply(new BenefitRetiredEvent(benefitId, trimToNull(command.reason())));
        return view();
    }

    @EventSourcingHandler
    void on(BenefitCreatedEvent event, @Timestamp Instant timestamp) {
        benefitId = event.benefitId();
        terms = event.terms();
        status = BenefitStatus.ACTIVE;
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(BenefitChangedEvent event, @Timestamp Instant timestamp) {
        terms = event.terms();
        updatedAt = timestamp;
    }

    @EventSourcingHandler
    void on(BenefitRetiredEvent event, @Timestamp Instant timestamp) {
        status = BenefitStatus.RETIRED;
        updatedAt = timestamp;
    }

    private void requireActive() {
        if (status == BenefitStatus.RETIRED) {
            throw new DomainException(ErrorCode.BENEFIT_RETIRED, benefitId.value());
        }
    }

    private BenefitView view() {
        return new BenefitView(benefitId, terms, status, updatedAt, AggregateLifecycle.getVersion());
    }
}
