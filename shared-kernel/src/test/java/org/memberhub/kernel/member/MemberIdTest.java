package org.memberhub.kernel.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class MemberIdTest {

    @Test
    void newIdsAreVersion7AndOrderedByCreationTime() {
        UUID earlier = MemberId.uuidV7(1_700_000_000_000L);
        UUID later = MemberId.uuidV7(1_700_000_000_001L);

        assertThat(earlier.version()).isEqualTo(7);
        assertThat(earlier.variant()).isEqualTo(2);
        assertThat(earlier.getMostSignificantBits() >>> 16).isEqualTo(1_700_000_000_000L);
        assertThat(Long.compareUnsigned(earlier.getMostSignificantBits(), later.getMostSignificantBits()))
                .isNegative();
        assertThat(MemberId.newId()).isNotEqualTo(MemberId.newId());
    }

    @Test
    void parsesOnlyCanonicalUuids() {
        assertThat(MemberId.of("0190f2a4-1c3e-7a00-8000-000000000001").toString())
                .isEqualTo("0190f2a4-1c3e-7a00-8000-000000000001");
        assertThatThrownBy(() -> MemberId.of("1-2-3-4-5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemberId.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
