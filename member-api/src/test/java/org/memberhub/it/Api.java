package org.memberhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A plain HTTP client for tests: sends exactly the bytes given and never interprets a status as an error. It calls as
 * a demo user of the development issuer ({@code admin} unless told otherwise).
 */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Mints a token for a demo user, bound to a member for the member user. */
    public interface Tokens {
        String forUser(String username, String memberId);
    }

    private final String base;
    private final Tokens tokens;
    private final String token;

    public Api(int port, Tokens tokens) {
        this("http://127.0.0.1:" + port, tokens, tokens == null ? null : tokens.forUser("admin", null));
    }

    private Api(String base, Tokens tokens, String token) {
        this.base = base;
        this.tokens = tokens;
        this.token = token;
    }

    /** The same server, called as another demo user. */
    public Api as(String username) {
        return new Api(base, tokens, tokens.forUser(username, null));
    }

    /** The same server, called as the member user bound to the given member. */
    public Api asMember(String memberId) {
        return new Api(base, tokens, tokens.forUser("member", memberId));
    }

    /** The same server, called with exactly this bearer token. */
    public Api withToken(String rawToken) {
        return new Api(base, tokens, rawToken);
    }

    /** The same server, called without a token. */
    public Api anonymous() {
        return new Api(base, tokens, null);
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, String body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** {@code headers} are name, value pairs; a JSON content type is added to bodies unless one is given. */
    public Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        boolean contentTypeGiven = false;
        boolean authorizationGiven = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            contentTypeGiven |= headers[i].equalsIgnoreCase("Content-Type");
            authorizationGiven |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (token != null && !authorizationGiven) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null && !contentTypeGiven) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        public String header(String name) {
            Optional<String> value = raw.headers().firstValue(name);
            return value.orElse(null);
        }

        @Override
        public String toString() {
            return raw.request().method() + " " + raw.uri() + " -> " + raw.statusCode() + " " + raw.body();
        }
    }
}
