package org.memberhub.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jmeter.config.CSVDataSet;
import org.apache.jmeter.control.GenericController;
import org.apache.jmeter.control.SwitchController;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerProxy;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.SearchByClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every plan loads with JMeter's own SaveService, takes its load from properties and reads only files we write. */
class PlansTest {

    private static final Path PLANS = Path.of("jmeter");

    @BeforeAll
    static void jmeter() throws IOException {
        Path home = JMeter.locate(Path.of("")).home();
        JMeterUtils.setJMeterHome(home.toString());
        JMeterUtils.loadJMeterProperties(home.resolve("bin/jmeter.properties").toString());
        JMeterUtils.initLocale();
        SaveService.loadProperties();
    }

    static Stream<Path> plans() throws IOException {
        try (Stream<Path> files = Files.list(PLANS)) {
            return files.filter(f -> f.toString().endsWith(".jmx")).sorted().toList().stream();
        }
    }

    @Test
    void everyPlanTheSuiteRunsExists() {
        for (String plan : List.of("member-list", "member-detail", "member-create", "mixed", "purchases", "reports")) {
            assertThat(PLANS.resolve(plan + ".jmx")).isRegularFile();
        }
    }

    @ParameterizedTest
    @MethodSource("plans")
    void loadsWithItsLoadFromProperties(Path plan) throws IOException {
        HashTree tree = SaveService.loadTree(plan.toFile());

        List<ThreadGroup> groups = find(tree, ThreadGroup.class);
        assertThat(groups).hasSize(1);
        ThreadGroup group = groups.get(0);
        assertThat(group.getPropertyAsString(ThreadGroup.NUM_THREADS)).startsWith("${__P(threads,");
        assertThat(group.getPropertyAsString(ThreadGroup.RAMP_TIME)).startsWith("${__P(rampUp,");
        assertThat(group.getPropertyAsString(ThreadGroup.DURATION)).startsWith("${__P(duration,");
        assertThat(find(tree, HTTPSamplerProxy.class)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("plans")
    void readsOnlyFilesTheSuiteWrites(Path plan) throws IOException {
        for (CSVDataSet data : find(SaveService.loadTree(plan.toFile()), CSVDataSet.class)) {
            String file = data.getPropertyAsString("filename");
            assertThat(file).startsWith("${__P(dataDir,data)}/");
            assertThat(DataFiles.PLAN_FILES).contains(file.substring(file.lastIndexOf('/') + 1));
        }
    }

    @Test
    void theMixedPlanHasABranchForEveryActionTheSuiteWeighs() throws IOException {
        HashTree tree = SaveService.loadTree(PLANS.resolve("mixed.jmx").toFile());
        SwitchController action = find(tree, SwitchController.class).get(0);
        HashTree branches = tree.search(action);
        List<String> names = new ArrayList<>();
        for (Object child : branches.list()) {
            if (child instanceof GenericController controller) {
                names.add(controller.getName());
            }
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(DataFiles.MIXED_ACTIONS.keySet());
    }

    private static <T> List<T> find(HashTree tree, Class<T> type) {
        SearchByClass<T> search = new SearchByClass<>(type);
        tree.traverse(search);
        return new ArrayList<>(search.getSearchResults());
    }
}
