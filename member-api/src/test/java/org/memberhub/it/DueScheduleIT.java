package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.memberhub.command.member.DueSchedule;
import org.memberhub.kernel.member.MemberId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The schedule of a member's due transitions is written with the events, when the unit of work commits: a command
 * that changes it does not give its transaction an id while it runs, so that a batch of commands gets its id only
 * after every member of the batch was loaded (readers take events in the order of transaction ids).
 */
@PostgresIT
class DueScheduleIT {

    private static final Instant DUE = Instant.parse("2031-05-01T00:00:00Z");

    @Autowired
    DueSchedule schedule;

    @Autowired
    TransactionManager transactionManager;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aChangeIsWrittenWhenTheUnitOfWorkCommitsNotWhileTheCommandRuns() {
        MemberId member = new MemberId(UUID.randomUUID());
        MemberId forgotten = new MemberId(UUID.randomUUID());
        jdbc.update(
                "INSERT INTO member_schedule (member_id, due_at, wake_at) VALUES (?, now(), now())", forgotten.value());

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch"));
        batch.attachTransaction(transactionManager);
        try {
            schedule.set(member, DUE.minusSeconds(60));
            schedule.set(forgotten, null);
            schedule.set(member, DUE); // a later command of the same member decides

            assertThat(transactionId())
                    .as("the transaction's id while the commands run")
                    .isNull();
            assertThat(dueAt(member)).isEmpty();
            assertThat(dueAt(forgotten)).hasSize(1);
        } catch (RuntimeException | Error failure) {
            batch.rollback(failure);
            throw failure;
        }
        batch.commit();

        assertThat(dueAt(member)).containsExactly(DUE);
        assertThat(dueAt(forgotten)).isEmpty();
    }

    @Test
    void aUnitOfWorkThatRollsBackWritesNothing() {
        MemberId member = new MemberId(UUID.randomUUID());

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch"));
        batch.attachTransaction(transactionManager);
        schedule.set(member, DUE);
        batch.rollback(new IllegalStateException("a later command of the batch failed"));

        assertThat(dueAt(member)).isEmpty();
    }

    @Test
    void outsideAUnitOfWorkAChangeIsWrittenAtOnce() {
        MemberId member = new MemberId(UUID.randomUUID());

        schedule.set(member, DUE);

        assertThat(dueAt(member)).containsExactly(DUE);
    }

    private String transactionId() {
        return jdbc.queryForObject("SELECT pg_current_xact_id_if_assigned()::text", String.class);
    }

    private List<Instant> dueAt(MemberId member) {
        return jdbc
                .queryForList(
                        "SELECT due_at FROM member_schedule WHERE member_id = ?", OffsetDateTime.class, member.value())
                .stream()
                .map(OffsetDateTime::toInstant)
                .toList();
    }
}
