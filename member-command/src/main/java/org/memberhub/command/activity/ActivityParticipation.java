package org.memberhub.command.activity;

import java.time.Clock;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.memberhub.command.member.Member;
import org.memberhub.kernel.activity.JoinActivityCommand;
import org.memberhub.kernel.activity.JoinDecision;
import org.memberhub.kernel.activity.RewardActivityCommand;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.springframework.stereotype.Component;

/**
 * Joins a member to an activity. The member's standing (not deleted or frozen, and its level) is read from its
 * aggregate, the activity decides, and the reward is credited by a command to the member that runs in the same unit
 * of work and transaction: a join and its reward are stored together or not at all.
 */
@Component
class ActivityParticipation {

    private final Repository<Member> members;
    private final Repository<Activity> activities;
    /**
     * The bus itself, not the gateway: the gateway retries lost races on another thread, which would wait for the
     * member this thread holds. A lost race fails the whole join instead, and the join is retried as a whole.
     */
    private final CommandBus commands;

    private final Clock clock;

    ActivityParticipation(
            Repository<Member> members, Repository<Activity> activities, CommandBus commands, Clock clock) {
        this.members = members;
        this.activities = activities;
        this.commands = commands;
        this.clock = clock;
    }

    @CommandHandler
    JoinDecision handle(JoinActivityCommand command) {
        Aggregate<Member> member = load(members, command.memberId().toString(), ErrorCode.MEMBER_NOT_FOUND);
        int level = member.invoke(Member::levelForJoining);
        Aggregate<Activity> activity = load(activities, command.activityId().toString(), ErrorCode.ACTIVITY_NOT_FOUND);
        JoinDecision decision = activity.invoke(a -> a.join(command.memberId(), level, clock.instant()));
        if (!decision.duplicate() && decision.rewardPoints() > 0) {
            CommandMessage<RewardActivityCommand> reward =
                    GenericCommandMessage.<RewardActivityCommand>asCommandMessage(new RewardActivityCommand(
                                    command.memberId(), command.activityId(), decision.rewardPoints()))
                            .andMetaData(CurrentUnitOfWork.get().getMessage().getMetaData());
            FutureCallback<RewardActivityCommand, Object> rewarded = new FutureCallback<>();
            commands.dispatch(reward, rewarded);
            CommandResultMessage<?> result = rewarded.getResult();
            if (result.isExceptional()) {
                throw result.exceptionResult() instanceof RuntimeException failure
                        ? failure
                        : new IllegalStateException(result.exceptionResult());
            }
        }
        return decision;
    }

    private static <T> Aggregate<T> load(Repository<T> repository, String id, ErrorCode missing) {
        try {
            return repository.load(id);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(missing, id);
        }
    }
}
