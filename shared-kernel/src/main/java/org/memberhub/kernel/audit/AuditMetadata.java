package org.memberhub.kernel.audit;

/**
 * Keys of the metadata that every command carries and every event it causes inherits: who acted, through which
 * channel, and which request it belonged to.
 */
public final class AuditMetadata {

    /** How the command arrived: {@code api}, {@code kafka}, {@code sync} or {@code scheduler}. */
    public static final String SOURCE = "source";

    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_NAME = "actorName";
    public static final String ACTOR_ROLES = "actorRoles";

    /** Set by Axon: the identifier of the message that caused this one. */
    public static final String CORRELATION_ID = "correlationId";

    public static final String SOURCE_API = "api";
    public static final String SOURCE_SCHEDULER = "scheduler";
    public static final String SOURCE_KAFKA = "kafka";
    public static final String SOURCE_SYNC = "sync";
    /** Benefits the application creates by itself when it starts with an empty catalogue. */
    public static final String SOURCE_SEED = "seed";

    /** Where a command from Kafka came from: {@code topic-partition@offset}, and the producer's event id. */
    public static final String KAFKA_RECORD = "kafkaRecord";

    public static final String KAFKA_EVENT_ID = "kafkaEventId";

    /** The sync run that sent a command. */
    public static final String SYNC_RUN = "syncRun";

    private AuditMetadata() {}
}
