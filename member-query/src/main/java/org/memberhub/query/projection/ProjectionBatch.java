package org.memberhub.query.projection;

/**
 * What one projector changes in its read model for one batch of events. Handlers change rows in memory; {@link
 * #flush} writes them with a few set-based statements, once, just before the batch's transaction commits (see {@link
 * ProjectionBatches}).
 */
public interface ProjectionBatch {

    /** Writes everything the batch changed. */
    void flush();
}
