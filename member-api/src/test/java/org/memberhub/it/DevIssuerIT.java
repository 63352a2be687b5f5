package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** The development issuer's token endpoint, used the way the README shows with curl. */
@PostgresIT
class DevIssuerIT {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Autowired
    Api api;

    @Autowired
    DevTokenIssuer issuer;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void issuesTokensForDemoUsersThatTheApiAccepts() {
        Response token = api.anonymous()
                .post("/dev/token", "grant_type=password&username=staff&password=staff", "Content-Type", FORM);

        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        assertThat(token.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.json().get("expires_in").asLong()).isEqualTo(3600);
        Api staff = api.withToken(token.json().get("access_token").asText());
        Response created = staff.post("/api/v1/members", TestMembers.member("Dev", TestMembers.mobile(), null));
        assertThat(created.status()).isEqualTo(201);
        assertThat(staff.delete("/api/v1/members/" + created.json().get("id").asText())
                        .status())
                .as("staff may not delete")
                .isEqualTo(403);

        // the actor of the command is in the metadata of its event
        String metaData = jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class,
                created.json().get("id").asText());
        assertThat(metaData)
                .contains(
                        "\"actorName\":\"staff\"",
                        "\"actorRoles\":\"member-staff\"",
                        "\"source\":\"api\"",
                        "\"actorId\":\"");
    }

    @Test
    void bindsTheMemberUserToTheMemberItNames() {
        Response created = api.post("/api/v1/members", TestMembers.member("Bound", TestMembers.mobile(), null));
        String id = created.json().get("id").asText();

        Response token = api.anonymous()
                .post(
                        "/dev/token",
                        "grant_type=password&username=member&password=member&member_id=" + id,
                        "Content-Type",
                        FORM);

        assertThat(token.status()).isEqualTo(200);
        Response me = api.withToken(token.json().get("access_token").asText())
                .get("/api/v1/me", "X-Consistency-Token", created.header("X-Consistency-Token"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asText()).isEqualTo(id);
    }

    @Test
    void refusesWrongCredentialsAndIncompleteRequests() {
        Api anonymous = api.anonymous();
        Response wrongPassword =
                anonymous.post("/dev/token", "grant_type=password&username=admin&password=nope", "Content-Type", FORM);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("code").asText()).isEqualTo("INVALID_GRANT");

        Response wrongGrant = anonymous.post(
                "/dev/token", "grant_type=client_credentials&username=admin&password=admin", "Content-Type", FORM);
        assertThat(wrongGrant.status()).isEqualTo(400);
        assertThat(wrongGrant.json().get("code").asText()).isEqualTo("UNSUPPORTED_GRANT_TYPE");

        Response unbound = anonymous.post(
                "/dev/token", "grant_type=password&username=member&password=member", "Content-Type", FORM);
        assertThat(unbound.status()).isEqualTo(400);
        assertThat(unbound.json().get("code").asText()).isEqualTo("MEMBER_ID_REQUIRED");

        Response missing = anonymous.post("/dev/token", "grant_type=password&username=admin", "Content-Type", FORM);
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void keepsItsKeyInTheDataDirectory() throws Exception {
        Path keyFile = Path.of(environment.getProperty("memberhub.data-dir"), "dev-issuer-key.json");

        assertThat(keyFile).exists();
        assertThat(Files.readString(keyFile)).contains("\"kty\":\"RSA\"", "\"d\":");
        assertThat(Files.getPosixFilePermissions(keyFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(issuer.publicKey()).isNotNull();
    }
}
