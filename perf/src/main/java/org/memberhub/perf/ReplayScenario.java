package org.memberhub.perf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds each processing group over the seeded event store through the admin API, one after the other: events/s
 * per group, from the request until the group has replayed everything and runs again.
 */
final class ReplayScenario implements Scenario {

    private static final Logger log = LoggerFactory.getLogger(ReplayScenario.class);

    static final String NAME = "replay";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Projections projections = context.projections();
        List<ScenarioResult.Step> steps = new ArrayList<>();
        Double slowest = null;
        long begun = System.currentTimeMillis();
        for (Projections.Group group : projections.groups()) {
            long started = System.currentTimeMillis();
            projections.requestReplay(group.name());
            Duration timeout = Duration.ofMinutes(10).plusSeconds(group.head() / 200);
            Poll.until(
                    "the replay of " + group.name(),
                    timeout,
                    Duration.ofMillis(250),
                    () -> Projections.replayed(projections.group(group.name())));
            long ended = System.currentTimeMillis();
            Projections.Group after = projections.group(group.name());
            double events = after.replayResetPosition() != null ? after.replayResetPosition() : group.head();
            double perSecond = events * 1000 / Math.max(1, ended - started);
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("events", events);
            figures.put("seconds", (ended - started) / 1000.0);
            figures.put("eventsPerSecond", perSecond);
            steps.add(new ScenarioResult.Step(
                    group.name(), null, context.sampler().figures(started, ended), figures));
            slowest = slowest == null ? perSecond : Math.min(slowest, perSecond);
            log.info(
                    "  {}: {} events in {} s, {} events/s",
                    group.name(),
                    (long) events,
                    (ended - started) / 1000.0,
                    Math.round(perSecond));
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        if (slowest != null) {
            figures.put("eventsPerSecond", slowest);
        }
        return new ScenarioResult(
                NAME,
                "POST /api/v1/admin/projections/{group}/replay for every processing group in turn, polled until the"
                        + " group has replayed up to its reset position and runs again (the time includes the"
                        + " instances' coordination, up to memberhub.projection.coordination-interval)",
                steps.size() + " processing groups",
                "admin API",
                null,
                context.sampler().figures(begun, System.currentTimeMillis()),
                figures,
                steps,
                null,
                List.of(),
                null);
    }
}
