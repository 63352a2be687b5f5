package org.memberhub.query.benefit;

import static org.memberhub.query.jooq.Tables.BENEFITS;
import static org.memberhub.query.jooq.Tables.MEMBER_BENEFIT_USES;

import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.memberhub.kernel.benefit.BenefitChangedEvent;
import org.memberhub.kernel.benefit.BenefitCreatedEvent;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitRetiredEvent;
import org.memberhub.kernel.benefit.BenefitStatus;
import org.memberhub.kernel.benefit.BenefitTerms;
import org.memberhub.kernel.benefit.BenefitUsedEvent;
import org.memberhub.query.jooq.tables.records.BenefitsRecord;
import org.memberhub.query.support.Levels;
import org.springframework.stereotype.Component;

/**
 * Projects the benefit catalogue and every use of a benefit. Catalogue rows move only forward (guarded by version) and
 * uses are keyed by member and use id, so an event applied twice changes nothing.
 */
@Component
@ProcessingGroup(BenefitProjector.PROCESSING_GROUP)
class BenefitProjector {

    static final String PROCESSING_GROUP = "benefits";

    private final DSLContext dsl;

    BenefitProjector(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(BenefitCreatedEvent event, @SequenceNumber long version, @Timestamp Instant timestamp) {
        BenefitsRecord row = dsl.newRecord(BENEFITS);
        row.setBenefitId(event.benefitId().value());
        terms(row, event.terms());
        row.setStatus(BenefitStatus.ACTIVE.name());
        row.setCreatedAt(timestamp.atOffset(ZoneOffset.UTC));
        row.setUpdatedAt(timestamp.atOffset(ZoneOffset.UTC));
        row.setVersion(version);
        dsl.insertInto(BENEFITS).set(row).onConflictDoNothing().execute();
    }

    @EventHandler
    void on(BenefitChangedEvent event, @SequenceNumber long version, @Timestamp Instant timestamp) {
        BenefitsRecord row = dsl.newRecord(BENEFITS);
        terms(row, event.terms());
        row.setUpdatedAt(timestamp.atOffset(ZoneOffset.UTC));
        row.setVersion(version);
        update(event.benefitId(), row, version);
    }

    @EventHandler
    void on(BenefitRetiredEvent event, @SequenceNumber long version, @Timestamp Instant timestamp) {
        BenefitsRecord row = dsl.newRecord(BENEFITS);
        row.setStatus(BenefitStatus.RETIRED.name());
        row.setUpdatedAt(timestamp.atOffset(ZoneOffset.UTC));
        row.setVersion(version);
        update(event.benefitId(), row, version);
    }

    @EventHandler
    void on(BenefitUsedEvent event, @Timestamp Instant timestamp) {
        dsl.insertInto(MEMBER_BENEFIT_USES)
                .set(MEMBER_BENEFIT_USES.MEMBER_ID, event.memberId().value())
                .set(MEMBER_BENEFIT_USES.USE_ID, event.useId())
                .set(MEMBER_BENEFIT_USES.BENEFIT_ID, event.benefitId().value())
                .set(MEMBER_BENEFIT_USES.PERIOD, event.period())
                .set(MEMBER_BENEFIT_USES.MEMBER_LEVEL, (short) event.level())
                .set(MEMBER_BENEFIT_USES.POINTS_PAID, event.pointsPaid())
                .set(MEMBER_BENEFIT_USES.USED_AT, timestamp.atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
    }

    private void update(BenefitId id, BenefitsRecord changes, long version) {
        dsl.update(BENEFITS)
                .set(changes)
                .where(BENEFITS.BENEFIT_ID.eq(id.value()))
                .and(BENEFITS.VERSION.lt(version))
                .execute();
    }

    private static void terms(BenefitsRecord row, BenefitTerms terms) {
        row.setNameZh(terms.nameZh());
        row.setNameEn(terms.nameEn());
        row.setDescription(terms.description());
        row.setBenefitType(terms.type().name());
        row.setBenefitValue(terms.value());
        row.setLevels(Levels.format(terms.levels()));
        row.setQuotaUses(terms.quota() == null ? null : terms.quota().uses());
        row.setQuotaPeriod(terms.quota() == null ? null : terms.quota().period().name());
        row.setPointsPrice(terms.pointsPrice());
    }
}
