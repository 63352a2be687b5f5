package org.memberhub.eventstore;

import java.io.Serializable;
import java.util.Comparator;
import java.util.OptionalLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

/**
 * A position in the event stream as {@link TransactionOrderedStorageEngine} reads it: the last event processed, named
 * by the id of the transaction that appended it and its global index. Events are ordered by transaction first, so the
 * order never changes once a reader has passed a position, however long a writing transaction took to commit.
 *
 * <p>Tokens stored before transaction ids were recorded ({@link GapAwareTrackingToken}, {@link
 * GlobalSequenceTrackingToken}) count as positions in transaction 0, which every older event was given.
 *
 * @param transaction the writing transaction's id ({@code xid8})
 * @param globalIndex the event's global index
 */
public record TransactionOrderToken(long transaction, long globalIndex)
        implements TrackingToken, Comparable<TransactionOrderToken>, Serializable {

    private static final Comparator<TransactionOrderToken> ORDER = Comparator.comparingLong(
                    TransactionOrderToken::transaction)
            .thenComparingLong(TransactionOrderToken::globalIndex);

    /** The position of a token of this store, or of a legacy one; {@code null} for none. */
    static TransactionOrderToken of(TrackingToken token) {
        if (token == null || token instanceof TransactionOrderToken) {
            return (TransactionOrderToken) token;
        }
        if (token instanceof GapAwareTrackingToken legacy) {
            return new TransactionOrderToken(0, legacy.getIndex());
        }
        if (token instanceof GlobalSequenceTrackingToken legacy) {
            return new TransactionOrderToken(0, legacy.getGlobalIndex());
        }
        throw new IllegalArgumentException("Not a position in this event store: " + token);
    }

    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        TransactionOrderToken that = of(other);
        return compareTo(that) <= 0 ? this : that;
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        TransactionOrderToken that = of(other);
        return compareTo(that) >= 0 ? this : that;
    }

    @Override
    public boolean covers(TrackingToken other) {
        return other == null || compareTo(of(other)) >= 0;
    }

    /** The global index of the last event processed; indexes do not grow along the stream, so this is no distance. */
    @Override
    public OptionalLong position() {
        return OptionalLong.of(globalIndex);
    }

    @Override
    public int compareTo(TransactionOrderToken other) {
        return ORDER.compare(this, other);
    }
}
