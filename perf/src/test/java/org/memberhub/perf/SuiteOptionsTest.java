package org.memberhub.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteOptionsTest {

    @TempDir
    Path perfHome;

    private Path jar;

    @BeforeEach
    void jar() throws Exception {
        jar = Files.createFile(perfHome.resolve("member-api-83461db.jar"));
    }

    @Test
    void aSmokeRunIsSmallAndShortAndRunsEverything() {
        SuiteOptions options = parse("--smoke");

        assertThat(options.scenarios()).isEqualTo(SuiteOptions.ALL_SCENARIOS);
        assertThat(options.members()).isEqualTo(300);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.soakDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.ingestEvents()).isEqualTo(1000);
        assertThat(options.threadsOf("mixed", 1000, 100)).isEqualTo(100);
        assertThat(options.profile()).isFalse();
        assertThat(parse("--smoke", "--profile").profile()).isTrue();
    }

    @Test
    void takesScenariosInTheSuitesOrderWhateverOrderTheyAreGivenIn() {
        SuiteOptions options = parse(
                "--scenario",
                "replay,detail,baseline",
                "--duration",
                "30s",
                "--members",
                "5_000",
                "--think",
                "100-300");

        assertThat(options.scenarios()).containsExactly("baseline", "detail", "replay");
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.ingestEvents()).isEqualTo(2500);
        assertThat(options.thinkMin()).isEqualTo(100);
        assertThat(options.thinkMax()).isEqualTo(300);
        assertThat(options.threadsOf("member-list", 1000, 100)).isEqualTo(1000);
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> parse("--scenario", "detial")).hasMessageContaining("unknown scenario detial");
        assertThatThrownBy(() -> parse("--think", "900-100")).hasMessageContaining("--think");
        assertThatThrownBy(() -> parse("--frobnicate")).hasMessageContaining("unknown argument");
    }

    @Test
    void readsDurationsAsPeopleWriteThem() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90 min");
        assertThat(Durations.format(Duration.ofMinutes(150))).isEqualTo("2 h 30 min");
    }

    private SuiteOptions parse(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--jar";
        all[args.length + 1] = jar.toString();
        return SuiteOptions.parse(all, perfHome);
    }
}
