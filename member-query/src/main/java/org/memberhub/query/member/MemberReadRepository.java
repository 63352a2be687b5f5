package org.memberhub.query.member;

import static org.memberhub.query.jooq.Tables.MEMBERS;
import static org.memberhub.query.jooq.Tables.MEMBER_TAGS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberCriteria;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberPage;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberSort;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.query.jooq.tables.records.MembersRecord;
import org.springframework.stereotype.Repository;

@Repository
class MemberReadRepository {

    private final DSLContext dsl;

    MemberReadRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<MemberView> find(MemberId id) {
        return dsl.selectFrom(MEMBERS)
                .where(MEMBERS.ID.eq(id.value()))
                .fetchOptional()
                .map(row -> toView(row, tagsOf(List.of(row.getId())).getOrDefault(row.getId(), List.of())));
    }

    Optional<MemberView> findByExternalRef(String externalRef) {
        return dsl.selectFrom(MEMBERS)
                .where(MEMBERS.EXTERNAL_REF.eq(externalRef))
                .orderBy(
                        DSL.when(MEMBERS.STATUS.eq(MemberStatus.DELETED.name()), 1)
                                .otherwise(0),
                        MEMBERS.UPDATED_AT.desc())
                .limit(1)
                .fetchOptional()
                .map(row -> toView(row, tagsOf(List.of(row.getId())).getOrDefault(row.getId(), List.of())));
    }

    Optional<Long> versionOf(MemberId id) {
        return dsl.select(MEMBERS.VERSION)
                .from(MEMBERS)
                .where(MEMBERS.ID.eq(id.value()))
                .fetchOptional(MEMBERS.VERSION);
    }

    MemberPage find(MemberCriteria criteria, int page, int size, MemberSort sort) {
        Condition condition = conditionFor(criteria);
        long total = dsl.fetchCount(MEMBERS, condition);
        List<MembersRecord> rows = total <= (long) page * size
                ? List.of()
                : dsl.selectFrom(MEMBERS)
                        .where(condition)
                        .orderBy(order(sort))
                        .limit(size)
                        .offset((long) page * size)
                        .fetch();
        Map<UUID, List<String>> tags =
                tagsOf(rows.stream().map(MembersRecord::getId).toList());
        List<MemberView> items = rows.stream()
                .map(row -> toView(row, tags.getOrDefault(row.getId(), List.of())))
                .toList();
        return new MemberPage(items, page, size, total);
    }

    private static Condition conditionFor(MemberCriteria criteria) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(MEMBERS.STATUS.ne(MemberStatus.DELETED.name()));
        if (criteria.text() != null) {
            String text = criteria.text();
            conditions.add(MEMBERS.NAME
                    .containsIgnoreCase(text)
                    .or(MEMBERS.MOBILE.contains(text))
                    .or(MEMBERS.EMAIL.containsIgnoreCase(text)));
        }
        if (!criteria.statuses().isEmpty()) {
            conditions.add(MEMBERS.STATUS.in(
                    criteria.statuses().stream().map(Enum::name).toList()));
        }
        if (!criteria.levels().isEmpty()) {
            conditions.add(MEMBERS.MEMBER_LEVEL.in(
                    criteria.levels().stream().map(Integer::shortValue).toList()));
        }
        if (criteria.tag() != null) {
            conditions.add(DSL.exists(DSL.selectOne()
                    .from(MEMBER_TAGS)
                    .where(MEMBER_TAGS.MEMBER_ID.eq(MEMBERS.ID))
                    .and(MEMBER_TAGS.TAG.eq(criteria.tag()))));
        }
        if (criteria.joinedFrom() != null) {
            conditions.add(MEMBERS.JOINED_AT.ge(criteria.joinedFrom().atOffset(java.time.ZoneOffset.UTC)));
        }
        if (criteria.joinedBefore() != null) {
            conditions.add(MEMBERS.JOINED_AT.lt(criteria.joinedBefore().atOffset(java.time.ZoneOffset.UTC)));
        }
        return DSL.and(conditions);
    }

    /** The requested order, then the id, so that pages never overlap or skip rows with equal sort keys. */
    private static List<SortField<?>> order(MemberSort sort) {
        TableField<MembersRecord, ?> field =
                switch (sort.field()) {
                    case NAME -> MEMBERS.NAME;
                    case MOBILE -> MEMBERS.MOBILE;
                    case LEVEL -> MEMBERS.MEMBER_LEVEL;
                    case STATUS -> MEMBERS.STATUS;
                    case JOINED_AT -> MEMBERS.JOINED_AT;
                    case UPDATED_AT -> MEMBERS.UPDATED_AT;
                };
        return sort.ascending() ? List.of(field.asc(), MEMBERS.ID.asc()) : List.of(field.desc(), MEMBERS.ID.desc());
    }

    private Map<UUID, List<String>> tagsOf(Collection<UUID> memberIds) {
        if (memberIds.isEmpty()) {
            return Map.of();
        }
        return dsl
                .select(MEMBER_TAGS.MEMBER_ID, MEMBER_TAGS.TAG)
                .from(MEMBER_TAGS)
                .where(MEMBER_TAGS.MEMBER_ID.in(memberIds))
                .orderBy(MEMBER_TAGS.MEMBER_ID, MEMBER_TAGS.TAG)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(
                        (Record r) -> r.get(MEMBER_TAGS.MEMBER_ID),
                        Collectors.mapping((Record r) -> r.get(MEMBER_TAGS.TAG), Collectors.toList())));
    }

    private static MemberView toView(MembersRecord row, List<String> tags) {
        MemberProfile profile = new MemberProfile(
                row.getName(),
                row.getMobile(),
                row.getEmail(),
                Gender.valueOf(row.getGender()),
                row.getBirthday(),
                MemberLocale.fromTag(row.getLocale()),
                row.getAddress(),
                row.getNotes(),
                tags,
                row.getExternalRef(),
                row.getTimeZone());
        return new MemberView(
                new MemberId(row.getId()),
                profile,
                MemberStatus.valueOf(row.getStatus()),
                row.getMemberLevel(),
                row.getJoinedAt().toInstant(),
                row.getUpdatedAt().toInstant(),
                row.getVersion());
    }
}
