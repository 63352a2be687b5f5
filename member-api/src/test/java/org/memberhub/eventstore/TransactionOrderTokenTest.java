package org.memberhub.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.util.Collections;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class TransactionOrderTokenTest {

    private final TransactionOrderToken early = new TransactionOrderToken(100, 7);
    private final TransactionOrderToken sameTransactionLater = new TransactionOrderToken(100, 9);
    /** A later transaction whose event got a lower global index: it still comes after. */
    private final TransactionOrderToken laterTransaction = new TransactionOrderToken(101, 3);

    @Test
    void ordersByTransactionThenGlobalIndex() {
        assertThat(early).isLessThan(sameTransactionLater);
        assertThat(sameTransactionLater).isLessThan(laterTransaction);
        assertThat(laterTransaction.covers(early)).isTrue();
        assertThat(laterTransaction.covers(sameTransactionLater)).isTrue();
        assertThat(early.covers(laterTransaction)).isFalse();
        assertThat(early.covers(early)).isTrue();
        assertThat(early.covers(null)).isTrue();
    }

    @Test
    void boundsAreTheEarlierAndTheLaterPosition() {
        assertThat(laterTransaction.lowerBound(early)).isEqualTo(early);
        assertThat(early.lowerBound(laterTransaction)).isEqualTo(early);
        assertThat(laterTransaction.upperBound(early)).isEqualTo(laterTransaction);
        assertThat(early.upperBound(laterTransaction)).isEqualTo(laterTransaction);
    }

    @Test
    void readsPositionsStoredBeforeTransactionIdsAsTransactionZero() {
        assertThat(TransactionOrderToken.of(
                        GapAwareTrackingToken.newInstance(42, new TreeSet<>(Collections.singleton(40L)))))
                .isEqualTo(new TransactionOrderToken(0, 42));
        assertThat(TransactionOrderToken.of(new GlobalSequenceTrackingToken(42)))
                .isEqualTo(new TransactionOrderToken(0, 42));
        assertThat(early.covers(new GlobalSequenceTrackingToken(1_000_000))).isTrue();
        assertThat(TransactionOrderToken.of(null)).isNull();
        assertThatThrownBy(() -> TransactionOrderToken.of(ReplayToken.createReplayToken(early)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replayEndsOncePastThePositionAtReset() {
        TrackingToken replay = ReplayToken.createReplayToken(sameTransactionLater);
        TrackingToken stillReplaying = ((ReplayToken) replay).advancedTo(early);
        assertThat(ReplayToken.isReplay(stillReplaying)).isTrue();
        TrackingToken done = ((ReplayToken) stillReplaying).advancedTo(laterTransaction);
        assertThat(ReplayToken.isReplay(done)).isFalse();
    }

    @Test
    void survivesTheSerializerThatStoresTokens() {
        ObjectMapper objectMapper =
                JsonMapper.builder().addModule(new ParameterNamesModule()).build();
        JacksonSerializer serializer =
                JacksonSerializer.builder().objectMapper(objectMapper).build();
        SerializedObject<byte[]> stored = serializer.serialize(laterTransaction, byte[].class);

        TrackingToken read = serializer.deserialize(stored);

        assertThat(read).isEqualTo(laterTransaction);
        assertThat(new String(stored.getData())).isEqualTo("{\"transaction\":101,\"globalIndex\":3}");
    }
}
