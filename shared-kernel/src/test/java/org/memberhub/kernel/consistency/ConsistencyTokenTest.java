package org.memberhub.kernel.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memberhub.kernel.member.MemberId;

class ConsistencyTokenTest {

    @Test
    void survivesARoundTripThroughText() {
        ConsistencyToken token = new ConsistencyToken(MemberId.newId(), 42);

        assertThat(ConsistencyToken.parse(token.toString())).isEqualTo(token);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "42",
                "not-a-uuid.3",
                "0190f2a4-1c3e-7a00-8000-000000000001.",
                "0190f2a4-1c3e-7a00-8000-000000000001.x",
                "0190f2a4-1c3e-7a00-8000-000000000001.-1"
            })
    void refusesTextItDidNotIssue(String text) {
        assertThatThrownBy(() -> ConsistencyToken.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
