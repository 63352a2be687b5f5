package org.memberhub.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run as {@code summary.json} keeps it: the machine-readable twin of {@code summary.md}, read back by the next run
 * for its trend section.
 *
 * @param format version of this file's layout
 * @param run the run's name (its directory)
 * @param started when it started
 * @param ended when it ended (or when this was written, while it still runs)
 * @param complete whether every scenario has run
 * @param smoke whether it was a smoke run
 * @param note a remark given on the command line
 * @param loadAverage the machine's one-minute load average when the run started and when it ended (a figure well
 *     above the cores means other work shared the machine)
 * @param dataSet the seeded data, when the application ran
 * @param seed how the seeding went
 * @param scenarios what each scenario measured, in order
 * @param goals the pass lines and goals, checked
 * @param failures scenarios that failed, with why
 * @param profiles where the application's CPU went, per scenario (and {@code seeding}), when the run was profiled;
 *     null otherwise
 */
record Summary(
        int format,
        String run,
        Instant started,
        Instant ended,
        boolean complete,
        boolean smoke,
        String note,
        String loadAverage,
        Machine machine,
        DataSetFigures dataSet,
        Seeder.Result seed,
        List<ScenarioResult> scenarios,
        List<Goals.Check> goals,
        Map<String, String> failures,
        Map<String, ProfileDigest> profiles) {

    static final int FORMAT = 1;

    /**
     * The seeded data.
     *
     * @param members members registered
     * @param readable not deleted
     * @param active active, freeze pool included
     * @param frozen frozen
     * @param deleted deleted
     * @param tagged with tags
     * @param levels members per level
     * @param events events in the store after seeding
     */
    record DataSetFigures(
            int members,
            int readable,
            int active,
            int frozen,
            int deleted,
            int tagged,
            Map<Integer, Integer> levels,
            Long events) {}

    /** The same run with each profile digested again from its collapsed stacks, where the file is still there. */
    Summary withProfilesReadAgain(Path runDir) throws IOException {
        if (profiles == null) {
            return this;
        }
        Map<String, ProfileDigest> again = new LinkedHashMap<>();
        for (Map.Entry<String, ProfileDigest> profile : profiles.entrySet()) {
            Path stacks = runDir.resolve(profile.getValue().file());
            again.put(profile.getKey(), Files.isRegularFile(stacks) ? ProfileDigest.read(stacks) : profile.getValue());
        }
        return new Summary(
                format,
                run,
                started,
                ended,
                complete,
                smoke,
                note,
                loadAverage,
                machine,
                dataSet,
                seed,
                scenarios,
                goals,
                failures,
                again);
    }

    Optional<ScenarioResult> scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    void write(Path file) throws IOException {
        Files.writeString(file, Json.MAPPER.writeValueAsString(this) + "\n");
    }

    static Summary read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), Summary.class);
    }
}
