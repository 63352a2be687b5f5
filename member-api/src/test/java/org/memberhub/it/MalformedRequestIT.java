package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Requests that never reach a controller (refused by Tomcat, by the firewall or by multipart parsing) are answered
 * with Problem Details in the caller's language like any other refusal, never with an HTML page, Spring's default
 * error JSON or a 500, and change nothing. They are sent as raw bytes: no HTTP client would send most of them.
 */
@PostgresIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEMBER = "/api/v1/members/0190f2a4-1c3e-7a00-8000-00000000beef";

    @Value("${local.server.port}")
    int port;

    @Autowired
    DevTokenIssuer issuer;

    @Autowired
    JdbcTemplate jdbc;

    private String token;

    @BeforeAll
    void token() {
        token = ApiClientConfig.tokens(issuer).forUser("admin", null);
    }

    Stream<Arguments> malformed() {
        return Stream.of(
                bad(
                        "multipart without boundary",
                        "POST /api/v1/members",
                        415,
                        "UNSUPPORTED_MEDIA_TYPE",
                        true,
                        """
                        Content-Type: multipart/form-data

                        {}"""),
                bad(
                        "non-ASCII header value",
                        "POST " + MEMBER + "/points/adjust",
                        400,
                        "REQUEST_REJECTED",
                        true,
                        """
                        Idempotency-Key: ключ
                        Content-Type: application/json

                        {"points":5,"reason":"retry"}"""),
                bad("NUL in a path segment", "GET /api/v1/members/%00", 400, "BAD_REQUEST", true, ""),
                bad("encoded slash after ..", "GET /api/v1/members/..%2Fx", 400, "BAD_REQUEST", true, ""),
                bad(
                        "request line over the limit",
                        "GET /api/v1/members?q=" + "x".repeat(20_000),
                        400,
                        "BAD_REQUEST",
                        false,
                        ""),
                bad(
                        "header over the limit",
                        "GET /api/v1/members",
                        400,
                        "BAD_REQUEST",
                        true, // Accept-Language comes before the padding
                        "X-Padding: " + "x".repeat(20_000)),
                bad("double slash", "GET /api//v1/members", 400, "REQUEST_REJECTED", true, ""),
                bad("session id in the path", "GET /api/v1/members;jsessionid=abc", 400, "REQUEST_REJECTED", true, ""),
                bad("TRACE", "TRACE /api/v1/members", 405, "METHOD_NOT_ALLOWED", true, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isAnsweredWithProblemDetailsInTheCallersLanguage(
            String description, String requestLine, int status, String code, boolean headersRead, String rest)
            throws IOException {
        long before = eventCount();
        String head = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAccept-Language: zh-CN\r\n"
                + "Authorization: Bearer " + token + "\r\n";
        int blank = rest.indexOf("\n\n");
        String headers = blank < 0 ? rest : rest.substring(0, blank);
        String body = blank < 0 ? "" : rest.substring(blank + 2);
        for (String header : headers.lines().filter(line -> !line.isEmpty()).toList()) {
            head += header + "\r\n";
        }

        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        if (content.length > 0) {
            head += "Content-Length: " + content.length + "\r\n";
        }
        byte[] start = (head + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] request = java.util.Arrays.copyOf(start, start.length + content.length);
        System.arraycopy(content, 0, request, start.length, content.length);

        RawResponse response = send(request);

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("content-type")).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        String language = headersRead ? "zh-CN" : "en";
        assertThat(response.header("content-language")).isEqualTo(language);
        if (headersRead && status == 400) {
            assertThat(problem.get("title").asText()).isEqualTo("请求无效");
        }
        assertThat(response.body()).doesNotContain("<html", "Exception", "org.", "timestamp");
        assertThat(eventCount()).as("events appended").isEqualTo(before);
    }

    private RawResponse send(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading an over-long request to its end
            }
            return RawResponse.read(socket.getInputStream());
        }
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private static Arguments bad(
            String description, String requestLine, int status, String code, boolean headersRead, String rest) {
        return Arguments.of(description, requestLine, status, code, headersRead, rest);
    }

    record RawResponse(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name);
        }

        static RawResponse read(InputStream in) throws IOException {
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] dechunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < chunked.length) {
                int lineEnd = at;
                while (chunked[lineEnd] != '\r') {
                    lineEnd++;
                }
                int size = Integer.parseInt(
                        new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                out.write(chunked, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
            return out.toByteArray();
        }
    }
}
