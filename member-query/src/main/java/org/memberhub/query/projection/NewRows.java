package org.memberhub.query.projection;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Rows a {@link ProjectionBatch} adds to an append-only table (ledger, history), written with one multi-row insert per
 * chunk. A row that is already there (an event seen before) is left as it is.
 */
public final class NewRows<R extends TableRecord<R>> {

    private static final int CHUNK = 500;

    private final DSLContext dsl;
    private final Table<R> table;
    private final List<R> rows = new ArrayList<>();

    public NewRows(DSLContext dsl, Table<R> table) {
        this.dsl = dsl;
        this.table = table;
    }

    public void add(R row) {
        rows.add(row);
    }

    public void flush() {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            dsl.insertInto(table, table.fields())
                    .valuesOfRecords(rows.subList(from, Math.min(rows.size(), from + CHUNK)))
                    .onConflictDoNothing()
                    .execute();
        }
        rows.clear();
    }
}
