package org.memberhub.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuProfilerTest {

    @TempDir
    Path dir;

    /** Attaches to a real JVM, as the suite does to the application, and reads back where its CPU went. */
    @Test
    void profilesAnotherJvmAndWritesAFlameGraphAndItsStacks() throws Exception {
        Process busy = new ProcessBuilder(List.of(
                        AppInstance.javaExecutable(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Busy.class.getName()))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(busy.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("busy");
            CpuProfiler profiler = CpuProfiler.unpack(dir.resolve("profiler"));
            CpuProfiler.Profiles profiles = new CpuProfiler.Profiles(profiler);

            // the child reports a round of work at a time: a few rounds while recording, however slow the machine
            String lastRound = profiles.around("busy", busy.pid(), dir.resolve("busy"), () -> {
                String line = null;
                for (int i = 0; i < 5; i++) {
                    line = out.readLine();
                }
                return line;
            });

            assertThat(lastRound).startsWith("round ");
            Map<String, ProfileDigest> digests = profiles.digests();
            assertThat(digests).containsOnlyKeys("busy");
            ProfileDigest digest = digests.get("busy");
            assertThat(digest.samples()).isPositive();
            assertThat(digest.file()).isEqualTo("busy/profile.collapsed");
            // self time lands in whatever the JIT left un-inlined: the loop itself or the JDK methods it calls
            assertThat(digest.hottest().keySet())
                    .anySatisfy(frame -> assertThat(frame).containsAnyOf("Busy.", "Long.", "String"));
            assertThat(dir.resolve("busy/profile.html")).content().contains("<html");
            assertThat(Files.readString(dir.resolve("busy/profile.collapsed"))).contains("CpuProfilerTest$Busy.main");
        } finally {
            busy.destroyForcibly().waitFor();
        }
    }

    @Test
    void anUnprofiledRunOnlyDoesTheWork() throws Exception {
        CpuProfiler.Profiles off = new CpuProfiler.Profiles(null);

        assertThat(off.around("detail", ProcessHandle.current().pid(), dir, () -> 42))
                .isEqualTo(42);
        assertThat(off.digests()).isNull();
        assertThat(dir).isEmptyDirectory();
    }

    /** Burns CPU in rounds and says so after each. */
    static final class Busy {

        public static void main(String[] args) {
            System.out.println("busy");
            long sum = 0;
            for (int round = 1; ; round++) {
                for (int i = 0; i < 5_000_000; i++) {
                    sum += Long.toString(i ^ sum).hashCode();
                }
                System.out.println("round " + round + " " + (sum & 1));
            }
        }
    }
}
