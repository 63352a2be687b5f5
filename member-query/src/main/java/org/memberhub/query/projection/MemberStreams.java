package org.memberhub.query.projection;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Reads the whole event streams of many members with one query, for a replay that rebuilds those members at once.
 * Snapshots are not used: a read model is built from the events themselves.
 */
@Component
class MemberStreams {

    private static final int CHUNK = 500;
    private static final Table<Record> EVENTS = table(name("domain_event_entry"));
    private static final Field<String> TYPE = field(name("type"), String.class);
    private static final Field<String> AGGREGATE = field(name("aggregate_identifier"), String.class);
    private static final Field<Long> SEQUENCE = field(name("sequence_number"), Long.class);
    private static final Field<String> EVENT_ID = field(name("event_identifier"), String.class);
    private static final Field<String> TIMESTAMP = field(name("time_stamp"), String.class);
    private static final Field<String> PAYLOAD_TYPE = field(name("payload_type"), String.class);
    private static final Field<String> PAYLOAD_REVISION = field(name("payload_revision"), String.class);
    private static final Field<byte[]> PAYLOAD = field(name("payload"), byte[].class);
    private static final Field<byte[]> META_DATA = field(name("meta_data"), byte[].class);

    private final DSLContext dsl;
    private final Serializer serializer;
    private final ObjectProvider<org.axonframework.config.Configuration> axon;

    MemberStreams(
            DSLContext dsl,
            @Qualifier("eventSerializer") Serializer serializer,
            ObjectProvider<org.axonframework.config.Configuration> axon) {
        this.dsl = dsl;
        this.serializer = serializer;
        this.axon = axon;
    }

    /** Every event of each member, in order, by member (aggregate) id. */
    Map<String, List<DomainEventMessage<?>>> read(Collection<String> members) {
        Map<String, List<DomainEventMessage<?>>> streams = new LinkedHashMap<>();
        List<String> ids = List.copyOf(members);
        EventUpcaster upcasters = axon.getObject().upcasterChain();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<GenericDomainEventEntry<byte[]>> entries = dsl.select(
                            TYPE,
                            AGGREGATE,
                            SEQUENCE,
                            EVENT_ID,
                            TIMESTAMP,
                            PAYLOAD_TYPE,
                            PAYLOAD_REVISION,
                            PAYLOAD,
                            META_DATA)
                    .from(EVENTS)
                    .where(AGGREGATE.in(ids.subList(from, Math.min(ids.size(), from + CHUNK))))
                    .orderBy(AGGREGATE, SEQUENCE)
                    .fetch(row -> new GenericDomainEventEntry<>(
                            row.get(TYPE),
                            row.get(AGGREGATE),
                            row.get(SEQUENCE),
                            row.get(EVENT_ID),
                            row.get(TIMESTAMP),
                            row.get(PAYLOAD_TYPE),
                            row.get(PAYLOAD_REVISION),
                            row.get(PAYLOAD),
                            row.get(META_DATA)));
            EventStreamUtils.asStream(
                            EventStreamUtils.upcastAndDeserializeDomainEvents(entries.stream(), serializer, upcasters))
                    .forEach(event -> streams.computeIfAbsent(event.getAggregateIdentifier(), id -> new ArrayList<>())
                            .add(event));
        }
        return streams;
    }
}
