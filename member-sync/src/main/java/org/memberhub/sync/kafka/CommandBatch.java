package org.memberhub.sync.kafka;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Handles several commands in one unit of work and one database transaction: each command runs in a unit of work
 * nested in the batch's (Axon's nested units of work), so a member loaded by one command is used as it stands by the
 * next, the events of all of them are appended together when the batch commits, and the commit is one round trip and
 * one flush for the whole batch instead of one per command. All or nothing: when a command fails, nothing of the
 * batch is kept and {@link CommandFailed} says which command it was.
 *
 * <p>Needs a command bus that handles commands on the dispatching thread (Axon's {@code SimpleCommandBus}, the one
 * this application uses), so that each command's unit of work nests in the batch's.
 */
final class CommandBatch {

    private final CommandBus commandBus;
    private final TransactionManager transactionManager;

    CommandBatch(CommandBus commandBus, TransactionManager transactionManager) {
        this.commandBus = commandBus;
        this.transactionManager = transactionManager;
    }

    /**
     * Handles {@code commands} in order, in one transaction.
     *
     * @return each command's result, in order
     * @throws CommandFailed when a command failed; nothing of the batch was kept
     * @throws Exception when the commit failed; nothing of the batch was kept
     */
    List<Object> handleAll(String description, List<CommandMessage<?>> commands) throws Exception {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(new GenericMessage<>(description));
        List<Object> results = new ArrayList<>(commands.size());
        try {
            batch.attachTransaction(transactionManager);
            for (CommandMessage<?> command : commands) {
                FutureCallback<Object, Object> callback = new FutureCallback<>();
                commandBus.dispatch(command, callback);
                CommandResultMessage<?> result = callback.getResult();
                if (result.isExceptional()) {
                    throw new CommandFailed(results.size(), result.exceptionResult());
                }
                results.add(result.getPayload());
            }
        } catch (Exception | Error failure) {
            if (batch.isActive()) {
                batch.rollback(failure);
            }
            throw failure;
        }
        batch.commit();
        return results;
    }

    /** A command of the batch failed: the batch was rolled back. */
    static final class CommandFailed extends Exception {

        private final int index;

        CommandFailed(int index, Throwable cause) {
            super("command " + index + " of the batch failed", cause, false, false);
            this.index = index;
        }

        /** The failed command's position in the batch. */
        int index() {
            return index;
        }
    }
}
