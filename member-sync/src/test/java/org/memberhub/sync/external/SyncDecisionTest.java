package org.memberhub.sync.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole decision table: the external version at minute 10 against every position of the last applied version
 * (none, before, equal, after) and of the last local edit (none, before and at the last applied one, between, equal,
 * after the external version).
 */
class SyncDecisionTest {

    private static final Instant BASE = Instant.parse("2026-12-03T08:00:00Z");
    private static final int EXTERNAL = 10;

    @ParameterizedTest(name = "external 10, last applied {0}, local edit {1} -> {2}")
    @CsvSource(
            nullValues = "-",
            textBlock =
                    """
            # last applied | last local edit | decision
            15, -,  SKIP_OUTDATED
            15, 3,  SKIP_OUTDATED
            15, 5,  SKIP_OUTDATED
            15, 7,  SKIP_OUTDATED
            15, 10, SKIP_OUTDATED
            15, 12, SKIP_OUTDATED
            10, -,  SKIP_ALREADY_APPLIED
            10, 3,  SKIP_ALREADY_APPLIED
            10, 5,  SKIP_ALREADY_APPLIED
            10, 7,  SKIP_ALREADY_APPLIED
            10, 10, SKIP_ALREADY_APPLIED
            10, 12, SKIP_ALREADY_APPLIED
            5,  -,  APPLY
            5,  3,  APPLY
            5,  5,  APPLY
            5,  7,  APPLY_OVER_LOCAL_EDIT
            5,  10, APPLY_OVER_LOCAL_EDIT
            5,  12, KEEP_LOCAL
            -,  -,  APPLY
            -,  3,  APPLY_OVER_LOCAL_EDIT
            -,  5,  APPLY_OVER_LOCAL_EDIT
            -,  7,  APPLY_OVER_LOCAL_EDIT
            -,  10, APPLY_OVER_LOCAL_EDIT
            -,  12, KEEP_LOCAL
            """)
    void decides(Integer lastApplied, Integer lastLocalEdit, SyncDecision expected) {
        assertThat(SyncDecision.of(at(EXTERNAL), at(lastApplied), at(lastLocalEdit)))
                .isEqualTo(expected);
    }

    @Test
    void aTieBetweenTheExternalVersionAndALocalEditGoesToTheExternalSystem() {
        assertThat(SyncDecision.of(at(10), null, at(10)).applies()).isTrue();
        assertThat(SyncDecision.of(at(10), at(5), at(10)).applies()).isTrue();
        assertThat(SyncDecision.of(at(10), at(5), at(10).plusNanos(1000))).isEqualTo(SyncDecision.KEEP_LOCAL);
    }

    @Test
    void needsTheExternalUpdateTime() {
        assertThatNullPointerException().isThrownBy(() -> SyncDecision.of(null, at(5), at(5)));
    }

    private static Instant at(Integer minute) {
        return minute == null ? null : BASE.plusSeconds(60L * minute);
    }
}
