package org.memberhub.perf;

import java.nio.file.Path;

/**
 * What scenarios work with.
 *
 * @param options the run's options
 * @param runDir the run's result directory
 * @param dataDir the data files of the plans
 * @param tokensFile JMeter properties file with the staff tokens
 * @param app the application, null when no scenario needs it
 * @param api its API
 * @param adminToken an admin token
 * @param analystToken an analyst token
 * @param data the seeded data set
 * @param projections its processing groups
 * @param sampler the resource sampler
 * @param jmeter JMeter
 * @param kafka the broker, null unless a scenario needs it
 * @param runId a name unique to this run, for ids the plans make up
 */
record RunContext(
        SuiteOptions options,
        Path runDir,
        Path dataDir,
        Path tokensFile,
        AppInstance app,
        Api api,
        String adminToken,
        String analystToken,
        DataSet data,
        Projections projections,
        ResourceSampler sampler,
        JMeter jmeter,
        KafkaBroker kafka,
        String runId) {

    Path plan(String name) {
        return options.perfHome().resolve("jmeter").resolve(name + ".jmx");
    }

    Path scenarioDir(String name) {
        return runDir.resolve(name);
    }
}
