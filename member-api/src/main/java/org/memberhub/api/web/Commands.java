package org.memberhub.api.web;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.memberhub.api.security.CurrentActor;
import org.memberhub.kernel.audit.AuditMetadata;
import org.springframework.stereotype.Component;

/** Sends commands on behalf of an HTTP request, stamped with who sent them and through which channel. */
@Component
public class Commands {

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** Sends the command, stamped with the caller and channel, and waits for what the aggregate decided. */
    public <R> R send(Object command) {
        Map<String, String> metadata = new HashMap<>(CurrentActor.metadata());
        metadata.put(AuditMetadata.SOURCE, AuditMetadata.SOURCE_API);
        return gateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
    }
}
