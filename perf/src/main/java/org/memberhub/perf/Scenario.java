package org.memberhub.perf;

/** One measurement of the suite. */
interface Scenario {

    String name();

    /** Whether it needs the application running and seeded. */
    default boolean needsApplication() {
        return true;
    }

    /** Whether it needs the Kafka broker (the application is then started with it). */
    default boolean needsKafka() {
        return false;
    }

    ScenarioResult run(RunContext context) throws Exception;
}
