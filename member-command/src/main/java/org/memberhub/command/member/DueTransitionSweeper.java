package org.memberhub.command.member;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.memberhub.command.config.CommandProperties;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.ProcessDueTransitionsCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Wakes members whose releases, expiries or manual level ends have fallen due, by sending each an idempotent
 * {@link ProcessDueTransitionsCommand}. Correctness never depends on the sweep: every command a member receives first
 * applies what is due, and applying it twice changes nothing. Several instances may sweep at once; they may wake the
 * same member, and the event store's optimistic locking lets only one of them append.
 */
@Component
public class DueTransitionSweeper {

    private static final Logger log = LoggerFactory.getLogger(DueTransitionSweeper.class);
    private static final Map<String, String> SCHEDULER = Map.of(AuditMetadata.SOURCE, AuditMetadata.SOURCE_SCHEDULER);

    private final DueSchedule schedule;
    private final CommandGateway commands;
    private final Clock clock;
    private final int batchSize;

    DueTransitionSweeper(DueSchedule schedule, CommandGateway commands, Clock clock, CommandProperties properties) {
        this.schedule = schedule;
        this.commands = commands;
        this.clock = clock;
        this.batchSize = properties.sweepBatchSize();
    }

    /** Processes every member due now, batch after batch; returns how many members were woken. */
    public int sweep() {
        int woken = 0;
        List<MemberId> due;
        do {
            due = schedule.due(clock.instant(), batchSize);
            int failed = 0;
            for (MemberId member : due) {
                try {
                    commands.sendAndWait(
                            GenericCommandMessage.asCommandMessage(new ProcessDueTransitionsCommand(member))
                                    .andMetaData(SCHEDULER));
                    woken++;
                } catch (RuntimeException e) {
                    failed++;
                    log.error("Could not apply due transitions of member {}", member, e);
                }
            }
            if (failed == due.size()) {
                break;
            }
        } while (due.size() == batchSize);
        return woken;
    }
}
