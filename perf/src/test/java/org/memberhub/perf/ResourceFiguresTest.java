package org.memberhub.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceFiguresTest {

    @Test
    void theViewCacheHitRateCountsOnlyTheReadsOfTheWindow() {
        List<ResourceSampler.MetricSample> window =
                List.of(metrics(1_000, 500.0, 100.0), metrics(2_000, null, null), metrics(3_000, 590.0, 110.0));

        ResourceFigures figures = ResourceFigures.of(List.of(), window);

        assertThat(figures.viewCacheHitRate()).isEqualTo(0.9);
    }

    @Test
    void noReadsNoHitRate() {
        ResourceFigures figures =
                ResourceFigures.of(List.of(), List.of(metrics(1_000, 5.0, 5.0), metrics(2_000, 5.0, 5.0)));

        assertThat(figures.viewCacheHitRate()).isNull();
    }

    private static ResourceSampler.MetricSample metrics(long at, Double hits, Double misses) {
        return new ResourceSampler.MetricSample(at, null, null, null, null, null, null, null, hits, misses);
    }
}
