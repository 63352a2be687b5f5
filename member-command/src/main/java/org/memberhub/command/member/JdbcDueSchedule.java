package org.memberhub.command.member;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.memberhub.kernel.member.MemberId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps the schedule in {@code member_schedule}, one row per member with something due. */
@Component
class JdbcDueSchedule implements DueSchedule {

    private final JdbcClient jdbc;

    JdbcDueSchedule(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void set(MemberId member, Instant dueAt) {
        if (dueAt == null) {
            jdbc.sql("DELETE FROM member_schedule WHERE member_id = :member")
                    .param("member", member.value())
                    .update();
            return;
        }
        OffsetDateTime due = dueAt.atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE member_schedule SET due_at = :due WHERE member_id = :member")
                .param("due", due)
                .param("member", member.value())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO member_schedule (member_id, due_at) VALUES (:member, :due)")
                    .param("member", member.value())
                    .param("due", due)
                    .update();
        }
    }

    @Override
    public List<MemberId> due(Instant now, int limit) {
        return jdbc
                .sql("SELECT member_id FROM member_schedule WHERE due_at <= :now ORDER BY due_at LIMIT :limit")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query(UUID.class)
                .list()
                .stream()
                .map(MemberId::new)
                .toList();
    }
}
