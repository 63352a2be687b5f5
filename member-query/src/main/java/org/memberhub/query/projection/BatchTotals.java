package org.memberhub.query.projection;

import static org.jooq.impl.DSL.excluded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.UpdatableRecord;

/**
 * Running totals a {@link ProjectionBatch} adds to (a day's points, a member's debt): the batch's additions are summed
 * in memory per row and added to the table with one upsert per chunk, {@code total = total + excluded.total}.
 *
 * @param <K> the primary key
 * @param <R> the table's record
 */
public final class BatchTotals<K, R extends UpdatableRecord<R>> {

    private static final int CHUNK = 500;

    private final DSLContext dsl;
    private final Table<R> table;
    private final Function<R, K> keyOf;
    private final List<Field<Long>> totals;
    private final Map<K, R> rows = new LinkedHashMap<>();

    /** @param totals the columns summed; every other column is the key, or set when the row is first inserted */
    public BatchTotals(DSLContext dsl, Table<R> table, Function<R, K> keyOf, List<Field<Long>> totals) {
        this.dsl = dsl;
        this.table = table;
        this.keyOf = keyOf;
        this.totals = totals;
    }

    /** Adds a row's totals to those of its key. */
    public void add(R row) {
        rows.merge(keyOf.apply(row), row, (sum, more) -> {
            for (Field<Long> total : totals) {
                sum.set(total, sum.get(total) + more.get(total));
            }
            return sum;
        });
    }

    public void flush() {
        List<R> sums = new ArrayList<>(rows.values());
        rows.clear();
        Map<Field<?>, Field<?>> additions = new HashMap<>();
        for (Field<Long> total : totals) {
            additions.put(total, total.plus(excluded(total)));
        }
        for (int from = 0; from < sums.size(); from += CHUNK) {
            dsl.insertInto(table, table.fields())
                    .valuesOfRecords(sums.subList(from, Math.min(sums.size(), from + CHUNK)))
                    .onConflict(table.getPrimaryKey().getFields())
                    .doUpdate()
                    .set(additions)
                    .execute();
        }
    }
}
