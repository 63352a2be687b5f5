package org.memberhub.perf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * async-profiler attached to the application for one stretch of a run ({@code perf/run --profile}): CPU samples of
 * every thread, the JVM's own threads (JIT compiler, GC) and kernel frames included, so that a bottleneck can be read
 * from the same run that measured it.
 *
 * <p>The agent library comes out of the {@code tools.profiler:async-profiler} jar on the suite's class path and is
 * loaded into the running application with {@code jcmd <pid> JVMTI.agent_load}; each later load of the same library
 * only passes it a new command (start, dump, stop). A flight recording ({@code JFR.start settings=profile}) would need
 * nothing extra, but it sees Java frames only and cost the detail scenario a quarter of its throughput (perf/README,
 * "Bottlenecks").
 */
final class CpuProfiler {

    private static final Logger log = LoggerFactory.getLogger(CpuProfiler.class);

    /** One CPU sample per 10 ms of CPU time of each thread (1 ms cost the seeding a third of its speed), rooted at the thread's name. */
    static final String START = "start,event=cpu,interval=10ms,threads";

    private final Path library;
    private final Path jcmd;

    private CpuProfiler(Path library, Path jcmd) {
        this.library = library;
        this.jcmd = jcmd;
    }

    /** Unpacks the agent library for this machine into {@code workDir}. */
    static CpuProfiler unpack(Path workDir) throws IOException {
        String resource = platform() + "/libasyncProfiler.so";
        Path library = workDir.resolve("libasyncProfiler.so");
        try (InputStream in = CpuProfiler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " on the class path (tools.profiler:async-profiler)");
            }
            Files.createDirectories(workDir);
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new IOException("no jcmd at " + jcmd + ": --profile needs a JDK, not a JRE");
        }
        return new CpuProfiler(library, jcmd);
    }

    /** Starts sampling the JVM {@code pid}; the recording writes its files when stopped. */
    Recording start(long pid) throws IOException, InterruptedException {
        command(pid, START);
        return new Recording(pid);
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new IllegalStateException("--profile works on Linux only (async-profiler), not on " + os);
        }
        return arch.equals("aarch64") || arch.equals("arm64") ? "linux-arm64" : "linux-x64";
    }

    private void command(long pid, String command) throws IOException, InterruptedException {
        // the inner quotes keep jcmd from splitting the agent's options at the commas
        Process process = new ProcessBuilder(List.of(
                        jcmd.toString(),
                        Long.toString(pid),
                        "JVMTI.agent_load",
                        library.toString(),
                        "\"" + command + "\""))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("jcmd did not answer within a minute: " + command);
        }
        if (process.exitValue() != 0 || !output.contains("return code: 0")) {
            throw new IOException("async-profiler refused '" + command + "': " + output.strip());
        }
    }

    /** A running recording of one process. */
    final class Recording implements AutoCloseable {

        private final long pid;
        private boolean stopped;

        private Recording(long pid) {
            this.pid = pid;
        }

        /**
         * Stops sampling and writes {@code profile.html} (a flame graph) and {@code profile.collapsed} (one line per
         * stack with its samples) into {@code dir}; answers the digest of the collapsed stacks.
         */
        ProfileDigest stop(Path dir) throws IOException, InterruptedException {
            Files.createDirectories(dir);
            Path html = dir.resolve("profile.html").toAbsolutePath();
            Path collapsed = dir.resolve("profile.collapsed").toAbsolutePath();
            command(pid, "dump,file=" + html);
            stopped = true;
            command(pid, "stop,file=" + collapsed + ",collapsed");
            return ProfileDigest.read(collapsed);
        }

        /** Stops sampling without writing anything, unless {@link #stop} did already. */
        @Override
        public void close() throws IOException, InterruptedException {
            if (!stopped) {
                stopped = true;
                command(pid, "stop,file=/dev/null");
            }
        }
    }

    /**
     * The run's profiles: {@link #around} records one stretch of work when the run is profiled and only does the work
     * when it is not. A profiler that fails costs the profile, never the measurement.
     */
    static final class Profiles {

        private final CpuProfiler profiler;
        private final Map<String, ProfileDigest> digests = new LinkedHashMap<>();

        /** @param profiler null when the run is not profiled */
        Profiles(CpuProfiler profiler) {
            this.profiler = profiler;
        }

        <T> T around(String name, long pid, Path dir, Callable<T> work) throws Exception {
            if (profiler == null) {
                return work.call();
            }
            Recording recording;
            try {
                recording = profiler.start(pid);
            } catch (IOException e) {
                log.warn("{} runs without a profile: {}", name, e.getMessage());
                return work.call();
            }
            try (recording) {
                T result = work.call();
                try {
                    ProfileDigest digest = recording.stop(dir);
                    digests.put(name, digest);
                    log.info(
                            "{}: {} CPU samples, flame graph in {}",
                            name,
                            digest.samples(),
                            dir.resolve("profile.html"));
                } catch (IOException e) {
                    log.warn("no profile of {}: {}", name, e.getMessage());
                }
                return result;
            }
        }

        /** The profiles so far, in the order they were taken; null when the run is not profiled. */
        Map<String, ProfileDigest> digests() {
            return profiler == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(digests));
        }
    }
}
