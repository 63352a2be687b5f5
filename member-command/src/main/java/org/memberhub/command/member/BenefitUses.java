package org.memberhub.command.member;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.HashMap;
import java.util.Map;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitTerms;
import org.memberhub.kernel.benefit.BenefitUseDecision;
import org.memberhub.kernel.benefit.BenefitUsedEvent;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;

/** A member's uses of benefits: every use by its id (for idempotency) and free uses per benefit and quota period. */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
final class BenefitUses {

    record Use(BenefitId benefitId, String period, long pointsPaid, Integer usedInPeriod, Integer quota) {}

    private final Map<String, Use> uses = new HashMap<>();
    private final Map<String, Integer> freeUses = new HashMap<>();

    /** The decision of an earlier use with this id, or {@code null}; refuses the id used for another benefit. */
    BenefitUseDecision known(String useId, BenefitId benefitId) {
        Use use = uses.get(useId);
        if (use == null) {
            return null;
        }
        if (!use.benefitId().equals(benefitId)) {
            throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, useId);
        }
        return decision(useId, use);
    }

    int freeUses(BenefitId benefitId, String period) {
        return freeUses.getOrDefault(key(benefitId, period), 0);
    }

    /** The decision of the use just applied, with the quota as the terms say. */
    BenefitUseDecision decision(String useId, BenefitTerms terms) {
        Use use = uses.get(useId);
        Integer quota = use.period() == null ? null : terms.quota().uses();
        return decision(useId, new Use(use.benefitId(), use.period(), use.pointsPaid(), use.usedInPeriod(), quota));
    }

    void on(BenefitUsedEvent event) {
        Integer used = null;
        if (event.period() != null) {
            used = freeUses.merge(key(event.benefitId(), event.period()), 1, Integer::sum);
        }
        uses.put(event.useId(), new Use(event.benefitId(), event.period(), event.pointsPaid(), used, null));
    }

    private static BenefitUseDecision decision(String useId, Use use) {
        Integer left = use.quota() == null || use.usedInPeriod() == null
                ? null
                : Math.max(0, use.quota() - use.usedInPeriod());
        return new BenefitUseDecision(use.benefitId(), useId, use.pointsPaid(), use.period(), use.usedInPeriod(), left);
    }

    private static String key(BenefitId benefitId, String period) {
        return benefitId.value() + "@" + period;
    }
}
