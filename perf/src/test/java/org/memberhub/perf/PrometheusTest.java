package org.memberhub.perf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTest {

    private static final String TEXT =
            """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.6777216E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 4.4679168E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.3375648E7
            jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
            jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 1.073741824E9
            hikaricp_connections_active{pool="HikariPool-1"} 3.0
            memberhub_projection_lag_events{group="audit"} 12.0
            memberhub_projection_lag_events{group="members"} 40.0
            process_uptime_seconds 14.235
            cache_gets_total{cache="member-views",cache_manager="",name="member-views",result="hit"} 90.0
            cache_gets_total{cache="member-views",cache_manager="",name="member-views",result="miss"} 10.0
            cache_gets_total{cache="member-points",cache_manager="",name="member-points",result="hit"} 5.0
            cache_gets_total{cache="tokens",cache_manager="",name="tokens",result="hit"} 1000.0
            """;

    @Test
    void sumsTheSeriesWhoseLabelsMatchAndIgnoresUnknownMaxima() {
        Prometheus metrics = Prometheus.parse(TEXT);

        assertThat(metrics.sum("jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(1.6777216E7 + 4.4679168E7);
        assertThat(metrics.sum("jvm_memory_used_bytes", "Old Gen")).isEqualTo(4.4679168E7);
        assertThat(metrics.sum("jvm_memory_max_bytes", "area=\"heap\"")).isEqualTo(1.073741824E9);
        assertThat(metrics.sum("hikaricp_connections_active", "")).isEqualTo(3.0);
        assertThat(metrics.max("memberhub_projection_lag_events")).isEqualTo(40.0);
        assertThat(metrics.max("process_uptime_seconds")).isEqualTo(14.235);
        assertThat(metrics.sum("not_there", "")).isNull();
        assertThat(metrics.sum("cache_gets_total", "cache=\"member-", "result=\"hit\""))
                .isEqualTo(95.0);
        assertThat(metrics.sum("cache_gets_total", "cache=\"member-", "result=\"miss\""))
                .isEqualTo(10.0);
    }
}
