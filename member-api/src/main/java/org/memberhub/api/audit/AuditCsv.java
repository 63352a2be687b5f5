package org.memberhub.api.audit;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.memberhub.api.web.Csv;
import org.memberhub.kernel.audit.AuditEntry;

/** The audit log as RFC 4180 CSV, with cells that a spreadsheet would run as formulas defused. */
final class AuditCsv {

    static final String HEADER = "global_index,occurred_at,member_id,sequence,event_type,actor_id,actor_name,"
            + "actor_roles,source,reason,correlation_id\r\n";

    private AuditCsv() {}

    static String row(AuditEntry entry) {
        return Stream.of(
                                entry.globalIndex(),
                                entry.occurredAt(),
                                entry.memberId(),
                                entry.sequence(),
                                entry.eventType(),
                                entry.actorId(),
                                entry.actorName(),
                                entry.actorRoles(),
                                entry.source(),
                                entry.reason(),
                                entry.correlationId())
                        .map(AuditCsv::cell)
                        .collect(Collectors.joining(","))
                + "\r\n";
    }

    static String cell(Object value) {
        return Csv.cell(value);
    }
}
