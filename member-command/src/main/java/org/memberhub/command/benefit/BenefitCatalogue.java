package org.memberhub.command.benefit;

import java.util.List;
import java.util.Optional;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitStatus;
import org.memberhub.kernel.benefit.BenefitTerms;

/**
 * The catalogue as the command side sees it, written in the same transaction as the benefit's events, so that a
 * decision never uses a catalogue older than the last committed change.
 */
public interface BenefitCatalogue {

    record Entry(BenefitId id, BenefitTerms terms, BenefitStatus status) {}

    /** Adds a new benefit; refuses an identifier in use with {@code BENEFIT_ALREADY_EXISTS}. */
    void add(BenefitId id, BenefitTerms terms);

    void update(BenefitId id, BenefitTerms terms, BenefitStatus status);

    Optional<Entry> find(BenefitId id);

    List<BenefitTerms> active();

    /** Whether no benefit was ever created (retired ones count). */
    boolean isEmpty();

    /**
     * Changes with every committed change of the catalogue (and never comes back to an earlier value), so that a copy
     * of the catalogue can be kept until it no longer matches.
     */
    long revision();
}
