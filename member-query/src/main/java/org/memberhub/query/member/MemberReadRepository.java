package org.memberhub.query.member;

import static org.memberhub.query.jooq.Tables.MEMBERS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RowN;
import org.jooq.SQLDialect;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.conf.SettingsTools;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberCriteria;
import org.memberhub.kernel.member.MemberCursor;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberPage;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberSort;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.query.cache.MemberRowSource;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.config.QueryProperties;
import org.memberhub.query.jooq.tables.records.MembersRecord;
import org.springframework.stereotype.Repository;

@Repository
class MemberReadRepository {

    /** What a member's view is made of: its row (tags included), one query for a page or a member. */
    private static final List<SelectField<?>> COLUMNS = List.<SelectField<?>>of(MEMBERS.fields());

    /** What a stored mobile number is made of (ProfileRules keeps them canonical: digits, E.164's leading +). */
    private static final Pattern MOBILE_TEXT = Pattern.compile("[0-9+]+");

    private final DSLContext dsl;
    /**
     * The list's queries, with their values written into the SQL instead of bound: PostgreSQL then plans each for its
     * values. Bound, the driver prepares a statement run often and PostgreSQL soon plans it once for any value; such a
     * plan cannot know that one text is rare and another in every row, or one tag on a tenth of the members: a
     * surname's count took 77 ms instead of 3, a level and tag's 40 instead of 29 (100 000 members).
     */
    private final DSLContext listing;

    private final int exactCountLimit;
    private final boolean estimates;
    private final MemberRowSource<MembersRecord, MemberView> views;

    MemberReadRepository(DSLContext dsl, QueryProperties properties) {
        this.dsl = dsl;
        this.listing = DSL.using(dsl.configuration()
                .derive(SettingsTools.clone(dsl.settings()).withStatementType(StatementType.STATIC_STATEMENT)));
        this.exactCountLimit = properties.exactCountLimit();
        this.estimates = dsl.dialect().family() == SQLDialect.POSTGRES;
        this.views = new MemberRowSource<>(
                dsl,
                MEMBERS,
                MEMBERS.ID,
                MEMBERS.STATUS.ne(DSL.inline(MemberStatus.DELETED.name())),
                MemberReadRepository::toView,
                MemberView::id);
    }

    Optional<MemberView> find(MemberId id) {
        return views.find(id);
    }

    /** Where the member detail cache fills itself from: on warming up, the members the list shows. */
    MemberViewCache.Source<MemberView> views() {
        return views;
    }

    Optional<MemberView> findByExternalRef(String externalRef) {
        return dsl.select(COLUMNS)
                .from(MEMBERS)
                .where(MEMBERS.EXTERNAL_REF.eq(externalRef))
                .orderBy(
                        DSL.when(MEMBERS.STATUS.eq(MemberStatus.DELETED.name()), 1)
                                .otherwise(0),
                        MEMBERS.UPDATED_AT.desc())
                .limit(1)
                .fetchOptional()
                .map(MemberReadRepository::toView);
    }

    Optional<Long> versionOf(MemberId id) {
        return dsl.select(MEMBERS.VERSION)
                .from(MEMBERS)
                .where(MEMBERS.ID.eq(id.value()))
                .fetchOptional(MEMBERS.VERSION);
    }

    /**
     * A page of the list: by number ({@code OFFSET}), or, with a cursor, the members after it (keyset: an index range
     * scan however deep the page).
     */
    MemberPage find(MemberCriteria criteria, int page, int size, MemberSort sort, MemberCursor after) {
        Condition condition = conditionFor(criteria, true);
        Total total = count(condition);
        // many matches: walking the sort's index meets them soon, and the cheap test of each row is enough
        Condition walking = conditionFor(criteria, false);
        List<Record> rows;
        if (after == null && !total.estimated() && total.count() <= (long) page * size) {
            rows = List.of();
        } else if (!total.estimated() && total.count() <= exactCountLimit) {
            rows = fewMatches(condition, after, page, size, sort);
        } else if (after != null) {
            rows = listing.select(COLUMNS)
                    .from(MEMBERS)
                    .where(walking)
                    .and(after(after))
                    .orderBy(order(sort))
                    .limit(size)
                    .fetch();
        } else if (page == 0) {
            rows = listing.select(COLUMNS)
                    .from(MEMBERS)
                    .where(walking)
                    .orderBy(order(sort))
                    .limit(size)
                    .fetch();
        } else {
            // the rows skipped are read from the sort's index only (ids), and only the page's rows from the table
            rows = listing.select(COLUMNS)
                    .from(MEMBERS)
                    .where(MEMBERS.ID.in(DSL.select(MEMBERS.ID)
                            .from(MEMBERS)
                            .where(condition)
                            .orderBy(order(sort))
                            .limit(size)
                            .offset((long) page * size)))
                    .orderBy(order(sort))
                    .fetch();
        }
        List<MemberView> items = rows.stream().map(MemberReadRepository::toView).toList();
        boolean more = rows.size() == size
                && (after != null || total.estimated() || (long) page * size + size < total.count());
        MemberCursor next = more ? cursorAfter(rows.get(rows.size() - 1), sort) : null;
        return new MemberPage(items, page, size, total.count(), total.estimated(), next);
    }

    /**
     * A page of a filter that the count found to match at most {@code exactCountLimit} members: the matches are found
     * first, by the filter's own indexes as the count found them, and then sorted. Left to itself the planner may walk
     * the sort's index instead, expecting matches all along it, and pass most of the table when they are few or all at
     * its far end (a mobile number's first digits, newest first: 90 ms at 100 000 members instead of 2). The inner
     * {@code LIMIT} keeps PostgreSQL from merging the two steps; it never cuts, as the count saw no more.
     */
    private List<Record> fewMatches(Condition condition, MemberCursor after, int page, int size, MemberSort sort) {
        List<TableField<MembersRecord, ?>> key = key(sort.field());
        Table<?> matches = DSL.select(key)
                .from(MEMBERS)
                .where(condition)
                .and(after == null ? DSL.noCondition() : after(after))
                .limit(exactCountLimit + 1)
                .asTable("matches");
        List<SortField<?>> order = key.stream()
                .<SortField<?>>map(field -> sort.ascending()
                        ? matches.field(field).asc()
                        : matches.field(field).desc())
                .toList();
        return listing.select(COLUMNS)
                .from(MEMBERS)
                .where(MEMBERS.ID.in(DSL.select(matches.field(MEMBERS.ID))
                        .from(matches)
                        .orderBy(order)
                        .limit(size)
                        .offset(after == null ? (long) page * size : 0)))
                .orderBy(order(sort))
                .fetch();
    }

    private record Total(long count, boolean estimated) {}

    /**
     * Exact while few members match; otherwise PostgreSQL's estimate, which costs a query plan instead of a scan of
     * every matching row. The rows are counted first, at most one past the limit, so the count is always bounded and a
     * filter that matches few members (most of them) costs one query; only past the limit is the plan asked for.
     */
    private Total count(Condition condition) {
        if (!estimates) {
            return new Total(listing.fetchCount(MEMBERS, condition), false);
        }
        int counted = listing.fetchCount(
                listing.selectOne().from(MEMBERS).where(condition).limit(exactCountLimit + 1));
        if (counted <= exactCountLimit) {
            return new Total(counted, false);
        }
        long estimate =
                Math.round(listing.explain(listing.selectOne().from(MEMBERS).where(condition))
                        .rows());
        return new Total(Math.max(estimate, counted), true);
    }

    /**
     * The list's filter; {@code indexed} adds, on PostgreSQL, the tests that only serve to let an index find the
     * matches (see {@link #textCondition}).
     */
    private Condition conditionFor(MemberCriteria criteria, boolean indexed) {
        List<Condition> conditions = new ArrayList<>();
        // inlined, so that PostgreSQL can use the list's partial indexes (WHERE status <> 'DELETED') in every plan
        conditions.add(MEMBERS.STATUS.ne(DSL.inline(MemberStatus.DELETED.name())));
        if (criteria.text() != null) {
            conditions.add(textCondition(criteria.text(), indexed));
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
            conditions.add(
                    estimates
                            ? DSL.condition("{0} @> {1}", MEMBERS.TAGS, DSL.val(new String[] {criteria.tag()}))
                            : DSL.condition("array_contains({0}, {1})", MEMBERS.TAGS, DSL.val(criteria.tag())));
        }
        if (criteria.joinedFrom() != null) {
            conditions.add(MEMBERS.JOINED_AT.ge(utc(criteria.joinedFrom())));
        }
        if (criteria.joinedBefore() != null) {
            conditions.add(MEMBERS.JOINED_AT.lt(utc(criteria.joinedBefore())));
        }
        return DSL.and(conditions);
    }

    /**
     * The free-text filter, a case-insensitive "contains" on name, mobile and e-mail, asking only the fields the text
     * can occur in: stored mobile numbers are digits with at most a leading +, and e-mail addresses ASCII (both made
     * canonical by {@code ProfileRules}), so that a Chinese text is looked for in names alone and the planner is not
     * led to read an index of a field that cannot match. On PostgreSQL a text of one or two characters, too short for
     * the trigram indexes, must also be one of the characters or pairs of adjacent characters of the three fields
     * ({@code member_search_grams}, indexed): the same test, which that index answers, and which costs more than the
     * test itself where the index is not used.
     */
    private Condition textCondition(String text, boolean indexed) {
        List<Condition> fields = new ArrayList<>();
        fields.add(MEMBERS.NAME.containsIgnoreCase(text));
        if (MOBILE_TEXT.matcher(text).matches()) {
            fields.add(MEMBERS.MOBILE.contains(text));
        }
        if (text.chars().allMatch(c -> c < 0x80)) {
            fields.add(MEMBERS.EMAIL.containsIgnoreCase(text));
        }
        Condition contains = DSL.or(fields);
        if (indexed && estimates && text.codePointCount(0, text.length()) <= 2) {
            return contains.and(DSL.condition(
                    "member_search_grams({0}, {1}, {2}) @> array[lower({3})]",
                    MEMBERS.NAME, MEMBERS.MOBILE, MEMBERS.EMAIL, DSL.val(text)));
        }
        return contains;
    }

    /**
     * The sort key: the requested field, then (for level and status, which many members share) the join time, then
     * the id, so that pages never overlap or skip rows with equal sort keys. Each key is one index of the list.
     */
    private static List<TableField<MembersRecord, ?>> key(MemberSort.Field field) {
        return switch (field) {
            case NAME -> List.of(MEMBERS.NAME, MEMBERS.ID);
            case MOBILE -> List.of(MEMBERS.MOBILE, MEMBERS.ID);
            case LEVEL -> List.of(MEMBERS.MEMBER_LEVEL, MEMBERS.JOINED_AT, MEMBERS.ID);
            case STATUS -> List.of(MEMBERS.STATUS, MEMBERS.JOINED_AT, MEMBERS.ID);
            case JOINED_AT -> List.of(MEMBERS.JOINED_AT, MEMBERS.ID);
            case UPDATED_AT -> List.of(MEMBERS.UPDATED_AT, MEMBERS.ID);
        };
    }

    private static List<SortField<?>> order(MemberSort sort) {
        return key(sort.field()).stream()
                .<SortField<?>>map(field -> sort.ascending() ? field.asc() : field.desc())
                .toList();
    }

    /** The rows after the cursor in its order: a row comparison on the sort key, which the key's index answers. */
    private static Condition after(MemberCursor cursor) {
        List<TableField<MembersRecord, ?>> key = key(cursor.sort().field());
        List<Field<?>> values = new ArrayList<>();
        for (TableField<MembersRecord, ?> field : key) {
            values.add(DSL.val(keyValue(field, cursor), field));
        }
        RowN fields = DSL.row(key.toArray(Field[]::new));
        RowN position = DSL.row(values.toArray(Field[]::new));
        return cursor.sort().ascending() ? fields.gt(position) : fields.lt(position);
    }

    private static Object keyValue(TableField<MembersRecord, ?> field, MemberCursor cursor) {
        if (field == MEMBERS.ID) {
            return cursor.id().value();
        }
        if (field == MEMBERS.JOINED_AT && cursor.sort().field() != MemberSort.Field.JOINED_AT) {
            return utc(cursor.joinedAt());
        }
        return switch (cursor.sort().field()) {
            case NAME, MOBILE, STATUS -> cursor.value();
            case LEVEL -> Short.valueOf(cursor.value());
            case JOINED_AT, UPDATED_AT -> utc(Instant.parse(cursor.value()));
        };
    }

    private static MemberCursor cursorAfter(Record row, MemberSort sort) {
        String value =
                switch (sort.field()) {
                    case NAME -> row.get(MEMBERS.NAME);
                    case MOBILE -> row.get(MEMBERS.MOBILE);
                    case LEVEL -> row.get(MEMBERS.MEMBER_LEVEL).toString();
                    case STATUS -> row.get(MEMBERS.STATUS);
                    case JOINED_AT -> row.get(MEMBERS.JOINED_AT).toInstant().toString();
                    case UPDATED_AT -> row.get(MEMBERS.UPDATED_AT).toInstant().toString();
                };
        return new MemberCursor(sort, value, row.get(MEMBERS.JOINED_AT).toInstant(), new MemberId(row.get(MEMBERS.ID)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static MemberView toView(Record row) {
        String[] tags = row.get(MEMBERS.TAGS);
        MemberProfile profile = new MemberProfile(
                row.get(MEMBERS.NAME),
                row.get(MEMBERS.MOBILE),
                row.get(MEMBERS.EMAIL),
                Gender.valueOf(row.get(MEMBERS.GENDER)),
                row.get(MEMBERS.BIRTHDAY),
                MemberLocale.fromTag(row.get(MEMBERS.LOCALE)),
                row.get(MEMBERS.ADDRESS),
                row.get(MEMBERS.NOTES),
                tags == null ? List.of() : List.of(tags),
                row.get(MEMBERS.EXTERNAL_REF),
                row.get(MEMBERS.TIME_ZONE));
        return new MemberView(
                new MemberId(row.get(MEMBERS.ID)),
                profile,
                MemberStatus.valueOf(row.get(MEMBERS.STATUS)),
                row.get(MEMBERS.MEMBER_LEVEL),
                row.get(MEMBERS.JOINED_AT).toInstant(),
                row.get(MEMBERS.UPDATED_AT).toInstant(),
                row.get(MEMBERS.VERSION));
    }
}
