package org.memberhub.command.benefit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitStatus;
import org.memberhub.kernel.benefit.BenefitTerms;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;

/** The catalogue for fixture tests, kept in a map. */
public class InMemoryBenefitCatalogue implements BenefitCatalogue {

    private final Map<BenefitId, Entry> entries = new LinkedHashMap<>();
    private long revision;

    @Override
    public void add(BenefitId id, BenefitTerms terms) {
        if (entries.putIfAbsent(id, new Entry(id, terms, BenefitStatus.ACTIVE)) != null) {
            throw new DomainException(ErrorCode.BENEFIT_ALREADY_EXISTS, id.value());
        }
        revision++;
    }

    @Override
    public void update(BenefitId id, BenefitTerms terms, BenefitStatus status) {
        entries.put(id, new Entry(id, terms, status));
        revision++;
    }

    @Override
    public Optional<Entry> find(BenefitId id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public List<BenefitTerms> active() {
        return entries.values().stream()
                .filter(e -> e.status() == BenefitStatus.ACTIVE)
                .map(Entry::terms)
                .toList();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long revision() {
        return revision;
    }
}
