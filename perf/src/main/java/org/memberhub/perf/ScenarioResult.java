package org.memberhub.perf;

import java.util.List;
import java.util.Map;

/**
 * What a scenario measured.
 *
 * @param name the scenario
 * @param description what it does
 * @param load the load it applied, in words
 * @param generator what generated it (JMeter, wrk, a Kafka producer, pgbench...)
 * @param http the requests, for HTTP scenarios
 * @param resources what the machine did meanwhile
 * @param figures further named figures (events/s, lag, tps...)
 * @param steps sub-measurements: concurrency steps, processing groups, pgbench runs, soak windows
 * @param labels the requests by label, where the mix matters
 * @param notes remarks, such as figures that could not be taken
 * @param dashboard the HTML dashboard, relative to the run's directory
 */
record ScenarioResult(
        String name,
        String description,
        String load,
        String generator,
        HttpFigures http,
        ResourceFigures resources,
        Map<String, Double> figures,
        List<Step> steps,
        Map<String, HttpFigures> labels,
        List<String> notes,
        String dashboard) {

    /**
     * One step of a scenario.
     *
     * @param name e.g. {@code 32 writers}, a processing group, {@code select-only}
     * @param http its requests, when it made any
     * @param resources the machine meanwhile
     * @param figures its further figures
     */
    record Step(String name, HttpFigures http, ResourceFigures resources, Map<String, Double> figures) {}

    Double figure(String key) {
        return figures == null ? null : figures.get(key);
    }
}
