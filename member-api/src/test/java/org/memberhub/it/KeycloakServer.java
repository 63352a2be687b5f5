package org.memberhub.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Keycloak server (the {@code keycloak-quarkus-dist} the build unpacks) in development mode on loopback, with
 * the project's realm ({@code docker/keycloak/memberhub-realm.json}) imported into a fresh database, or a test copy of
 * it changed by the test (the committed realm stays as it is).
 */
public class KeycloakServer implements BeforeAllCallback, AfterAllCallback {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<ObjectNode> realmChanges;
    private Process process;
    private int port;
    private Path log;

    /** Keycloak with the project's realm as committed. */
    public KeycloakServer() {
        this(realm -> {});
    }

    /** Keycloak with a copy of the project's realm that {@code realmChanges} changes before it is imported. */
    public KeycloakServer(Consumer<ObjectNode> realmChanges) {
        this.realmChanges = realmChanges;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path home = Path.of(required("keycloak.home"));
        Path realm = Path.of(required("keycloak.realm"));
        deleteRecursively(home.resolve("data"));
        Path imports = Files.createDirectories(home.resolve("data/import"));
        ObjectNode copy = (ObjectNode) JSON.readTree(realm.toFile());
        realmChanges.accept(copy);
        JSON.writeValue(imports.resolve(realm.getFileName()).toFile(), copy);
        port = freePort();
        log = home.resolve("keycloak.log");
        process = new ProcessBuilder(
                        "bash",
                        home.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--http-host=127.0.0.1",
                        "--http-port=" + port,
                        "--http-management-port=" + freePort(),
                        "--import-realm")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(home.toFile())
                .start();
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak stopped while starting:\n" + tail());
                }
                return ready();
            });
        } catch (ConditionTimeoutException slow) {
            throw new IllegalStateException("Keycloak did not start within " + STARTUP + ":\n" + tail(), slow);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/memberhub";
    }

    /** An access token from the realm's password grant, as the back-office client. */
    public String passwordToken(String username, String password) {
        return token(Map.of(
                "grant_type",
                "password",
                "client_id",
                "memberhub-backoffice",
                "username",
                username,
                "password",
                password));
    }

    /** An access token from the realm's client-credentials grant. */
    public String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token: " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean ready() {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; run the tests with Maven");
        }
        return value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
