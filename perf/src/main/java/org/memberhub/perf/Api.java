package org.memberhub.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The application's HTTP API as the suite calls it outside JMeter: seeding, tokens, projection status. */
final class Api {

    /** An answer: status, headers and body. */
    record Response(int status, HttpResponse<String> raw) {

        String body() {
            return raw.body();
        }

        JsonNode json() {
            return Json.read(raw.body());
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The stable error code of a Problem Details answer, if there is one. */
        String code() {
            try {
                JsonNode code = json().get("code");
                return code == null ? null : code.asText();
            } catch (RuntimeException notJson) {
                return null;
            }
        }
    }

    private final URI base;
    private final HttpClient client;
    private final Duration timeout;

    Api(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    Response get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET().build());
    }

    /** A GET that accepts any content type (the Prometheus endpoint answers text). */
    Response getText(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).setHeader("Accept", "*/*").GET().build());
    }

    Response post(String path, String token, String json) throws IOException, InterruptedException {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Response delete(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).DELETE().build());
    }

    Response postForm(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Accept", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response);
    }
}
