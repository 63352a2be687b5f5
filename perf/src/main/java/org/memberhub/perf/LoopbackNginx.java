package org.memberhub.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx with {@code docker/nginx/memberhub.conf} rendered for instances on loopback ports by
 * {@code docker/nginx/render-loopback}: the same upstream, failover rules and request ids as the compose file's nginx,
 * with its pid, logs and temporary files under one directory.
 */
final class LoopbackNginx implements AutoCloseable {

    /** One line of the JSON access log: the request id, its status, and the instance(s) that answered. */
    record Entry(String requestId, String method, String uri, int status, String upstreamAddr, String upstreamStatus) {

        /** The instances tried, in order ("127.0.0.1:18082, 127.0.0.1:18081" after a failover). */
        List<String> upstreams() {
            List<String> out = new ArrayList<>();
            for (String part : upstreamAddr.split("\\s*,\\s*|\\s+:\\s+")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }

        /** The instance that gave the final answer (the last tried), or "" when none was tried. */
        String lastUpstream() {
            List<String> tried = upstreams();
            return tried.isEmpty() ? "" : tried.get(tried.size() - 1);
        }
    }

    private final Path dir;
    private final int port;
    private final List<String> command;

    private LoopbackNginx(Path dir, int port, List<String> command) {
        this.dir = dir;
        this.port = port;
        this.command = command;
    }

    /**
     * Renders the configuration with {@code renderScript} into {@code dir} and starts nginx in front of the given
     * instance ports; returns once nginx accepts connections.
     */
    static LoopbackNginx start(Path renderScript, Path dir, int listenPort, List<Integer> instancePorts)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> render = new ArrayList<>(List.of(renderScript.toString(), dir.toString(), "" + listenPort));
        instancePorts.forEach(p -> render.add(p.toString()));
        run(render, dir.resolve("render.out"));
        Path absolute = dir.toAbsolutePath();
        List<String> nginx = List.of(
                "nginx",
                "-p",
                absolute.toString(),
                "-e",
                absolute.resolve("error.log").toString(),
                "-c",
                absolute.resolve("nginx.conf").toString());
        run(nginx, dir.resolve("nginx.out"));
        LoopbackNginx started = new LoopbackNginx(absolute, listenPort, nginx);
        Poll.until(
                "nginx to accept connections on port " + listenPort,
                Duration.ofSeconds(30),
                Duration.ofMillis(100),
                () -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", listenPort), 1000);
                        return true;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
        return started;
    }

    int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    /** The access log so far (a line being written is skipped). */
    List<Entry> accessLog() throws IOException {
        Path log = dir.resolve("access.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode json;
            try {
                json = Json.read(line);
            } catch (RuntimeException partial) {
                continue;
            }
            entries.add(new Entry(
                    json.path("request_id").asText(),
                    json.path("method").asText(),
                    json.path("uri").asText(),
                    json.path("status").asInt(),
                    json.path("upstream_addr").asText(),
                    json.path("upstream_status").asText()));
        }
        return entries;
    }

    /** Stops nginx (graceful quit, then the master process killed if it lingers). */
    @Override
    public void close() throws IOException, InterruptedException {
        Path pidFile = dir.resolve("nginx.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        List<String> quit = new ArrayList<>(command);
        quit.addAll(List.of("-s", "quit"));
        try {
            run(quit, dir.resolve("nginx-quit.out"));
        } catch (IOException | IllegalStateException e) {
            // fall through to the kill below
        }
        ProcessHandle.of(pid).ifPresent(master -> {
            try {
                master.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception lingering) {
                master.descendants().forEach(ProcessHandle::destroyForcibly);
                master.destroyForcibly();
            }
        });
    }

    /** Stops an nginx started under {@code dir} by an earlier, killed run (its pid file names the master). */
    static void stopLeftover(Path dir) {
        try {
            Path pidFile = dir.resolve("nginx.pid");
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid)
                    .filter(p ->
                            p.info().commandLine().map(c -> c.contains("nginx")).orElse(false))
                    .ifPresent(master -> {
                        master.descendants().forEach(ProcessHandle::destroy);
                        master.destroy();
                    });
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop nginx under " + dir + ": " + e);
        }
    }

    private static void run(List<String> command, Path output) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within 30 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
                    + Files.readString(output));
        }
    }
}
