package org.memberhub.command.member;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.memberhub.kernel.member.MemberId;

/** The due schedule's contract without a database, for aggregate fixture tests. */
class InMemoryDueSchedule implements DueSchedule {

    final Map<MemberId, Instant> dueAt = new HashMap<>();

    @Override
    public void set(MemberId member, Instant due) {
        if (due == null) {
            dueAt.remove(member);
        } else {
            dueAt.put(member, due);
        }
    }

    @Override
    public List<MemberId> due(Instant now, int limit) {
        return dueAt.entrySet().stream()
                .filter(entry -> !entry.getValue().isAfter(now))
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }
}
