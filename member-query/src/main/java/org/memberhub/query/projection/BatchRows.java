package org.memberhub.query.projection;

import static org.jooq.impl.DSL.excluded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateSetMoreStep;
import org.jooq.Table;
import org.jooq.UpdatableRecord;

/**
 * The rows of one table that a {@link ProjectionBatch} reads and changes, by primary key. The rows the batch's events
 * need are loaded with one query, handlers change them in memory, and {@link #flush} writes the changed ones back with
 * one upsert per chunk. A processor batch owns the rows of its members (a member's events all go to one segment, held
 * by one processor), so nothing else changes them meanwhile; where the table has a version column, the upsert is
 * still guarded by it.
 *
 * @param <K> the primary key
 * @param <R> the table's record
 */
public final class BatchRows<K, R extends UpdatableRecord<R>> {

    private static final int CHUNK = 500;

    private final DSLContext dsl;
    private final Table<R> table;
    private final Function<R, K> keyOf;
    private final Function<Collection<K>, Condition> keysIn;
    private final Field<Long> version;
    private final Map<K, R> rows = new HashMap<>();
    private final Set<K> looked = new HashSet<>();
    private final Set<K> changed = new LinkedHashSet<>();

    /**
     * @param keyOf the key of a row
     * @param keysIn the condition selecting the rows of some keys
     * @param version the version column guarding the upsert; null when the table has none
     */
    public BatchRows(
            DSLContext dsl,
            Table<R> table,
            Function<R, K> keyOf,
            Function<Collection<K>, Condition> keysIn,
            Field<Long> version) {
        this.dsl = dsl;
        this.table = table;
        this.keyOf = keyOf;
        this.keysIn = keysIn;
        this.version = version;
    }

    /** Loads the rows of the keys not looked up yet, in one query. */
    public void load(Collection<K> keys) {
        List<K> unknown =
                keys.stream().filter(key -> !looked.contains(key)).distinct().toList();
        for (int from = 0; from < unknown.size(); from += CHUNK) {
            List<K> chunk = unknown.subList(from, Math.min(unknown.size(), from + CHUNK));
            looked.addAll(chunk);
            dsl.selectFrom(table).where(keysIn.apply(chunk)).fetch().forEach(row -> rows.put(keyOf.apply(row), row));
        }
    }

    /** The row of a key, loading it when it was not looked up yet. */
    public Optional<R> find(K key) {
        if (!looked.contains(key)) {
            load(List.of(key));
        }
        return Optional.ofNullable(rows.get(key));
    }

    /** Adds a new row (or replaces one), to be written. */
    public R put(R row) {
        K key = keyOf.apply(row);
        looked.add(key);
        rows.put(key, row);
        changed.add(key);
        return row;
    }

    /** Marks a row changed by the caller, to be written. */
    public void changed(R row) {
        changed.add(keyOf.apply(row));
    }

    /** The row no longer exists (its deletion is the caller's). */
    public void forget(K key) {
        looked.add(key);
        rows.remove(key);
        changed.remove(key);
    }

    /** The keys of the rows changed since the last {@link #flush}. */
    public Set<K> changedKeys() {
        return Set.copyOf(changed);
    }

    /** Writes the changed rows: new ones inserted, existing ones updated. */
    public void flush() {
        List<R> dirty = changed.stream().map(rows::get).filter(Objects::nonNull).toList();
        changed.clear();
        Field<?>[] fields = table.fields();
        Map<Field<?>, Field<?>> updates = new HashMap<>();
        Set<Field<?>> key = new HashSet<>(table.getPrimaryKey().getFields());
        for (Field<?> field : fields) {
            if (!key.contains(field)) {
                updates.put(field, excluded(field));
            }
        }
        for (int from = 0; from < dirty.size(); from += CHUNK) {
            List<R> chunk = dirty.subList(from, Math.min(dirty.size(), from + CHUNK));
            InsertOnDuplicateSetMoreStep<R> upsert = dsl.insertInto(table, fields)
                    .valuesOfRecords(chunk)
                    .onConflict(table.getPrimaryKey().getFields())
                    .doUpdate()
                    .set(updates);
            if (version == null) {
                upsert.execute();
            } else {
                upsert.where(version.lt(excluded(version))).execute();
            }
        }
    }

    /** The rows of this batch, for a handler that needs to look through them. */
    public Collection<R> loaded() {
        return new ArrayList<>(rows.values());
    }
}
