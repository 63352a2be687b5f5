package org.memberhub.perf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The application under test, one instance, started from its jar as a process of its own. */
final class AppInstance implements AutoCloseable {

    /**
     * How to start it.
     *
     * @param jar the Spring Boot jar
     * @param heap -Xms and -Xmx
     * @param datasourceUrl the run's database
     * @param user database user
     * @param password its password
     * @param dataDir a scratch directory for the application's files (development issuer key, master key)
     * @param kafkaBootstrap the broker's address, or null to leave Kafka off
     * @param extraArguments further {@code --key=value} arguments
     * @param log where its output goes
     */
    record Config(
            Path jar,
            String heap,
            String datasourceUrl,
            String user,
            String password,
            Path dataDir,
            String kafkaBootstrap,
            List<String> extraArguments,
            Path log) {}

    private final Process process;
    private final URI base;
    private final Path log;

    private AppInstance(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static AppInstance start(Config config) throws IOException {
        return start(config, freePort());
    }

    /** Starts it on the given loopback port (a restarted instance keeps its port, as behind a load balancer). */
    static AppInstance start(Config config, int port) throws IOException {
        return start(config, port, List.of());
    }

    /** ... with further JVM options (before {@code -jar}). */
    static AppInstance start(Config config, int port, List<String> jvmOptions) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + config.datasourceUrl(),
                "--spring.datasource.username=" + config.user(),
                "--spring.datasource.password=" + config.password(),
                "--memberhub.data-dir=" + config.dataDir(),
                // a later change makes the development issuer opt-in; tokens must outlive a long soak
                "--memberhub.security.dev-issuer.enabled=true",
                "--memberhub.security.dev-issuer.token-lifetime=PT24H",
                // the hourly check reads every event: it would land in the middle of some scenario
                "--memberhub.query.consistency-check-interval=0"));
        if (config.kafkaBootstrap() != null) {
            arguments.add("--spring.kafka.bootstrap-servers=" + config.kafkaBootstrap());
        }
        arguments.addAll(config.extraArguments());
        List<String> command = new ArrayList<>(
                List.of(javaExecutable(), "-Xms" + config.heap(), "-Xmx" + config.heap(), "-XX:+UseG1GC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", config.jar().toString()));
        command.addAll(arguments);
        Files.createDirectories(config.dataDir());
        Process process = new ProcessBuilder(command)
                .directory(config.dataDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(config.log().toFile())
                .start();
        return new AppInstance(process, URI.create("http://127.0.0.1:" + port), config.log());
    }

    /** Waits until {@code /health/readiness} answers 200; fails early when the process ends. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Poll.until("the application to be ready (log: " + log + ")", timeout, Duration.ofMillis(500), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue()
                        + "; last lines of " + log + ":\n" + tail(log, 30));
            }
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    URI base() {
        return base;
    }

    int port() {
        return base.getPort();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, open transactions and connections are cut off. Returns once it has ended. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Graceful stop (SIGTERM), then a kill if it does not end within half a minute. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
