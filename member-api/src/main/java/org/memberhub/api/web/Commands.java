package org.memberhub.api.web;

import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.memberhub.kernel.audit.AuditMetadata;
import org.springframework.stereotype.Component;

/** Sends commands on behalf of an HTTP request, stamped with the metadata that says so. */
@Component
public class Commands {

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** Sends the command and waits for what the aggregate decided. */
    public <R> R send(Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(AuditMetadata.SOURCE, AuditMetadata.SOURCE_API)));
    }
}
