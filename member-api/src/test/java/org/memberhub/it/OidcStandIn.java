package org.memberhub.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in OpenID Connect provider on loopback for the console's sign-in test, doing what Keycloak does for a public
 * client with PKCE: discovery and JWKS (with CORS, as the console calls them from the browser), an authorization
 * endpoint that signs the user in at once and redirects back with a code and the state, a token endpoint that redeems
 * the code only with the verifier of the challenge it was given (and the same redirect URI and client), issuing RS256
 * access tokens of a test key and an ID token with the nonce, a refresh-token grant, and an end-session endpoint that
 * redirects to the post-logout URI. It records every grant and sign-out for the test to check.
 */
final class OidcStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Authorization(
            String clientId, String redirectUri, String challenge, String method, String nonce, String scope) {}

    private final HttpServer server;
    private final RSAKey key;
    private final String username;
    private final List<String> roles;
    private final Duration accessTokenLifetime;
    private final Map<String, Authorization> codes = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    final List<String> grants = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> logouts = new CopyOnWriteArrayList<>();

    OidcStandIn(String username, List<String> roles, Duration accessTokenLifetime) {
        this.username = username;
        this.roles = roles;
        this.accessTokenLifetime = accessTokenLifetime;
        try {
            this.key = new RSAKeyGenerator(2048).keyID("stand-in").generate();
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/realms/test/.well-known/openid-configuration", this::discovery);
        server.createContext("/realms/test/protocol/openid-connect/certs", this::jwks);
        server.createContext("/realms/test/protocol/openid-connect/auth", this::authorize);
        server.createContext("/realms/test/protocol/openid-connect/token", this::token);
        server.createContext("/realms/test/protocol/openid-connect/logout", this::logout);
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String base = issuer() + "/protocol/openid-connect";
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer());
        metadata.put("authorization_endpoint", base + "/auth");
        metadata.put("token_endpoint", base + "/token");
        metadata.put("jwks_uri", base + "/certs");
        metadata.put("end_session_endpoint", base + "/logout");
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        json(exchange, 200, metadata);
    }

    private void jwks(HttpExchange exchange) throws IOException {
        json(exchange, 200, new JWKSet(key.toPublicJWK()).toJSONObject());
    }

    /** Signs the user in at once (no form): back to the redirect URI with a fresh code and the state. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!"code".equals(query.get("response_type")) || query.get("code_challenge") == null) {
            refused.add("authorize " + query);
            text(exchange, 400, "invalid_request");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(
                code,
                new Authorization(
                        query.get("client_id"),
                        query.get("redirect_uri"),
                        query.get("code_challenge"),
                        query.get("code_challenge_method"),
                        query.get("nonce"),
                        query.get("scope")));
        String location = query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        cors(exchange);
        if (exchange.getRequestMethod().equals("OPTIONS")) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String grant = form.get("grant_type");
        if ("authorization_code".equals(grant)) {
            Authorization authorization = codes.remove(form.getOrDefault("code", ""));
            if (authorization == null
                    || !"S256".equals(authorization.method())
                    || !authorization.challenge().equals(s256(form.getOrDefault("code_verifier", "")))
                    || !authorization.redirectUri().equals(form.get("redirect_uri"))
                    || !authorization.clientId().equals(form.get("client_id"))) {
                refused.add("code " + form);
                json(exchange, 400, Map.of("error", "invalid_grant"));
                return;
            }
            grants.add("authorization_code");
            json(exchange, 200, tokens(authorization.nonce(), authorization.clientId()));
        } else if ("refresh_token".equals(grant)) {
            String clientId = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
            if (clientId == null || !clientId.equals(form.get("client_id"))) {
                refused.add("refresh " + form);
                json(exchange, 400, Map.of("error", "invalid_grant"));
                return;
            }
            grants.add("refresh_token");
            json(exchange, 200, tokens(null, clientId));
        } else {
            json(exchange, 400, Map.of("error", "unsupported_grant_type"));
        }
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        logouts.add(query);
        exchange.getResponseHeaders().add("Location", query.get("post_logout_redirect_uri"));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private Map<String, Object> tokens(String nonce, String clientId) {
        Instant now = Instant.now();
        String refresh = UUID.randomUUID().toString();
        refreshTokens.put(refresh, clientId);
        JWTClaimsSet access = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("stand-in-" + username)
                .audience(List.of("memberhub-api", clientId))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(accessTokenLifetime)))
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", roles))
                .claim("azp", clientId)
                .build();
        JWTClaimsSet.Builder id = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("stand-in-" + username)
                .audience(clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(accessTokenLifetime)))
                .claim("preferred_username", username);
        if (nonce != null) {
            id.claim("nonce", nonce);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", sign(access));
        body.put("token_type", "Bearer");
        body.put("expires_in", accessTokenLifetime.toSeconds());
        body.put("refresh_token", refresh);
        body.put("id_token", sign(id.build()));
        return body;
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    private static void cors(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type, Accept");
        exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        cors(exchange);
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
