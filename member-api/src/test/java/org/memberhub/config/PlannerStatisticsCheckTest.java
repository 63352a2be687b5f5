package org.memberhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlannerStatisticsCheckTest {

    @Test
    void warnsOnlyWhenAutovacuumIsOff() {
        assertThat(PlannerStatisticsCheck.warning("off")).get().asString().contains("autovacuum is off", "ANALYZE");
        assertThat(PlannerStatisticsCheck.warning("on")).isEmpty();
        assertThat(PlannerStatisticsCheck.warning(null)).isEmpty();
    }
}
