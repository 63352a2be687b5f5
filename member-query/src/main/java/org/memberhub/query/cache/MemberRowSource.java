package org.memberhub.query.cache;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.memberhub.kernel.member.MemberId;

/**
 * Members' views read from a read model's table with a row per member, keyed by the member's id: a member's view on
 * its own, and the pages and sets of views a {@link MemberViewCache} fills itself with.
 *
 * @param <R> the table's record
 * @param <V> the view
 */
public final class MemberRowSource<R extends Record, V> implements MemberViewCache.Source<V> {

    private final DSLContext dsl;
    private final Table<R> table;
    private final TableField<R, UUID> member;
    private final Condition listed;
    private final RecordMapper<? super R, V> toView;
    private final Function<V, MemberId> idOf;

    /**
     * @param member the column of the member's id, the table's key
     * @param listed the rows a warm-up reads (a read of a member reads any row)
     * @param toView the view of a row
     * @param idOf whose view it is
     */
    public MemberRowSource(
            DSLContext dsl,
            Table<R> table,
            TableField<R, UUID> member,
            Condition listed,
            RecordMapper<? super R, V> toView,
            Function<V, MemberId> idOf) {
        this.dsl = dsl;
        this.table = table;
        this.member = member;
        this.listed = listed;
        this.toView = toView;
        this.idOf = idOf;
    }

    /** Views of every row, the warm-up reads. */
    public MemberRowSource(
            DSLContext dsl,
            Table<R> table,
            TableField<R, UUID> member,
            RecordMapper<? super R, V> toView,
            Function<V, MemberId> idOf) {
        this(dsl, table, member, DSL.noCondition(), toView, idOf);
    }

    /** The member's view, if the table has the member's row. */
    public Optional<V> find(MemberId id) {
        return dsl.selectFrom(table).where(member.eq(id.value())).fetchOptional(toView);
    }

    @Override
    public List<V> after(MemberId after, int size) {
        return dsl.selectFrom(table)
                .where(listed)
                .and(after == null ? DSL.noCondition() : member.gt(after.value()))
                .orderBy(member)
                .limit(size)
                .fetch(toView);
    }

    @Override
    public List<V> of(Collection<MemberId> members) {
        return dsl.selectFrom(table)
                .where(member.in(members.stream().map(MemberId::value).toList()))
                .fetch(toView);
    }

    @Override
    public MemberId idOf(V view) {
        return idOf.apply(view);
    }
}
