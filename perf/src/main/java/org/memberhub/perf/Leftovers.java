package org.memberhub.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Removes what a killed run left behind, from the lines its {@link Closer} wrote: {@code pid N}, {@code database X},
 * {@code nginx DIR}. */
final class Leftovers {

    private Leftovers() {}

    static void clean(Path file) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split(" ", 2);
                if (parts.length != 2) {
                    continue;
                }
                switch (parts[0]) {
                    case "pid" -> stop(Long.parseLong(parts[1]));
                    case "database" -> {
                        DatabaseServer.fromEnvironment("PERF_DB_URL", "PERF_DB_USER", "PERF_DB_PASSWORD")
                                .dropIfExists(parts[1]);
                        System.out.println("dropped database " + parts[1]);
                    }
                    case "nginx" -> LoopbackNginx.stopLeftover(Path.of(parts[1]));
                    default -> {}
                }
            }
        } catch (IOException | SQLException e) {
            System.err.println("cleanup incomplete: " + e.getMessage());
        }
    }

    /** Stops the process if it is still the application the run started (the pid may have been reused). */
    private static void stop(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        boolean ours = process.flatMap(p -> p.info().commandLine())
                .map(command -> command.contains("--spring.profiles.active=postgres"))
                .orElse(false);
        if (!ours) {
            return;
        }
        ProcessHandle handle = process.get();
        handle.destroy();
        try {
            handle.onExit().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
            handle.destroyForcibly();
        }
        System.out.println("stopped the application (pid " + pid + ")");
    }
}
