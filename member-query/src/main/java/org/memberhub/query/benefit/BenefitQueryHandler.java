package org.memberhub.query.benefit;

import static org.memberhub.query.jooq.Tables.BENEFITS;
import static org.memberhub.query.jooq.Tables.MEMBERS;
import static org.memberhub.query.jooq.Tables.MEMBER_BENEFIT_USES;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitStatus;
import org.memberhub.kernel.benefit.BenefitTerms;
import org.memberhub.kernel.benefit.BenefitType;
import org.memberhub.kernel.benefit.BenefitView;
import org.memberhub.kernel.benefit.FindBenefitQuery;
import org.memberhub.kernel.benefit.FindBenefitsQuery;
import org.memberhub.kernel.benefit.FindMemberBenefitsQuery;
import org.memberhub.kernel.benefit.MemberBenefitView;
import org.memberhub.kernel.benefit.Quota;
import org.memberhub.kernel.benefit.QuotaPeriod;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.query.consistency.ReadYourWrites;
import org.memberhub.query.jooq.tables.records.BenefitsRecord;
import org.memberhub.query.support.Levels;
import org.springframework.stereotype.Component;

@Component
class BenefitQueryHandler {

    private final DSLContext dsl;
    private final Clock clock;
    private final LoyaltyRules rules;
    private final ReadYourWrites readYourWrites;

    BenefitQueryHandler(DSLContext dsl, Clock clock, LoyaltyRules rules, ReadYourWrites readYourWrites) {
        this.dsl = dsl;
        this.clock = clock;
        this.rules = rules;
        this.readYourWrites = readYourWrites;
    }

    /** Ordered by type, then id. */
    @QueryHandler
    List<BenefitView> handle(FindBenefitsQuery query) {
        var select = dsl.selectFrom(BENEFITS);
        var filtered = query.includeRetired() ? select : select.where(BENEFITS.STATUS.eq(BenefitStatus.ACTIVE.name()));
        return filtered.orderBy(BENEFITS.BENEFIT_TYPE, BENEFITS.BENEFIT_ID).fetch(BenefitQueryHandler::view);
    }

    @QueryHandler
    Optional<BenefitView> handle(FindBenefitQuery query) {
        return dsl.selectFrom(BENEFITS)
                .where(BENEFITS.BENEFIT_ID.eq(query.benefitId().value()))
                .fetchOptional(BenefitQueryHandler::view);
    }

    /**
     * The active benefits the member's level gets, with free uses in the current quota period (in the member's time
     * zone), and those it could buy.
     */
    @QueryHandler
    List<MemberBenefitView> handle(FindMemberBenefitsQuery query) {
        readYourWrites.await(query.memberId(), query.awaiting(), this::versionOf);
        var member = dsl.select(MEMBERS.MEMBER_LEVEL, MEMBERS.TIME_ZONE, MEMBERS.STATUS)
                .from(MEMBERS)
                .where(MEMBERS.ID.eq(query.memberId().value()))
                .fetchOptional()
                .filter(row -> !MemberStatus.DELETED.name().equals(row.value3()))
                .orElseThrow(() -> new DomainException(
                        ErrorCode.MEMBER_NOT_FOUND, query.memberId().toString()));
        int level = member.value1();
        ZoneId zone = member.value2() == null ? rules.defaultTimeZone() : ZoneId.of(member.value2());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Map<String, Integer> usedNow = usesInCurrentPeriods(query.memberId(), today);
        List<MemberBenefitView> result = new ArrayList<>();
        for (BenefitView benefit : handle(new FindBenefitsQuery(false))) {
            BenefitTerms terms = benefit.terms();
            boolean granted = terms.grantedTo(level);
            boolean buyable = terms.pointsPrice() != null;
            if (!granted && !buyable) {
                continue;
            }
            String period = null;
            Integer used = null;
            Integer left = null;
            if (granted && terms.quota() != null) {
                period = terms.quota().period().key(today);
                used = usedNow.getOrDefault(benefit.id().value() + "@" + period, 0);
                left = Math.max(0, terms.quota().uses() - used);
            }
            result.add(new MemberBenefitView(benefit, granted, period, used, left, buyable));
        }
        return result;
    }

    /** The version of the member's level and status, which decide what the member gets. */
    private Optional<Long> versionOf(MemberId member) {
        return dsl.select(MEMBERS.VERSION)
                .from(MEMBERS)
                .where(MEMBERS.ID.eq(member.value()))
                .fetchOptional(MEMBERS.VERSION);
    }

    /** Free uses per benefit in the periods (day, week, month, year) that contain {@code today}, by benefit@period. */
    private Map<String, Integer> usesInCurrentPeriods(MemberId member, LocalDate today) {
        List<String> periods =
                Arrays.stream(QuotaPeriod.values()).map(p -> p.key(today)).toList();
        Map<String, Integer> used = new HashMap<>();
        dsl.select(MEMBER_BENEFIT_USES.BENEFIT_ID, MEMBER_BENEFIT_USES.PERIOD, DSL.count())
                .from(MEMBER_BENEFIT_USES)
                .where(MEMBER_BENEFIT_USES.MEMBER_ID.eq(member.value()))
                .and(MEMBER_BENEFIT_USES.PERIOD.in(periods))
                .groupBy(MEMBER_BENEFIT_USES.BENEFIT_ID, MEMBER_BENEFIT_USES.PERIOD)
                .forEach(row -> used.put(row.value1() + "@" + row.value2(), row.value3()));
        return used;
    }

    static BenefitView view(BenefitsRecord row) {
        Quota quota = row.getQuotaUses() == null
                ? null
                : new Quota(row.getQuotaUses(), QuotaPeriod.valueOf(row.getQuotaPeriod()));
        BenefitTerms terms = new BenefitTerms(
                row.getNameZh(),
                row.getNameEn(),
                row.getDescription(),
                BenefitType.valueOf(row.getBenefitType()),
                row.getBenefitValue() == null ? null : row.getBenefitValue().stripTrailingZeros(),
                Levels.parse(row.getLevels()),
                quota,
                row.getPointsPrice());
        return new BenefitView(
                BenefitId.of(row.getBenefitId()),
                terms,
                BenefitStatus.valueOf(row.getStatus()),
                row.getUpdatedAt().toInstant(),
                row.getVersion());
    }
}
