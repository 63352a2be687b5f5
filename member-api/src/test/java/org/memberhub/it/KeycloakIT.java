package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.memberhub.it.Api.Response;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.RegisterMemberCommand;
import org.memberhub.query.testing.FreshPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API against a real Keycloak server with the project's realm: tokens from its password and client-credentials
 * grants call the API with the roles the realm gives, and its member user sees only its own member.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"memberhub.security.dev-issuer.enabled=false", "memberhub.data-dir=target/it-data-keycloak"})
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = FreshPostgresDatabase.class)
class KeycloakIT {

    /** The member the realm's demo user {@code member} is bound to. */
    private static final MemberId REALM_MEMBER = MemberId.of("0190f2a4-1c3e-7a00-8000-00000000c0de");

    @RegisterExtension
    static final KeycloakServer keycloak = new KeycloakServer();

    @DynamicPropertySource
    static void trustKeycloak(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", keycloak::issuer);
    }

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void staffTokensFromThePasswordGrantWorkWithTheirRealmRoles() {
        Api staff = api().withToken(keycloak.passwordToken("staff", "staff"));

        Response created = staff.post("/api/v1/members", member("Keycloak", mobile(), null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(staff.delete("/api/v1/members/" + id).status()).isEqualTo(403);
        assertThat(api().withToken(keycloak.passwordToken("admin", "admin"))
                        .get("/api/v1/members")
                        .status())
                .isEqualTo(200);
        assertThat(api().withToken(keycloak.passwordToken("auditor", "auditor"))
                        .post("/api/v1/members", member("No", mobile(), null))
                        .status())
                .isEqualTo(403);
        assertThat(api().withToken(keycloak.passwordToken("analyst", "analyst"))
                        .get("/api/v1/members")
                        .status())
                .isEqualTo(403);

        String metaData = jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class,
                id);
        assertThat(metaData).contains("\"actorName\":\"staff\"", "\"actorRoles\":\"member-staff\"");
    }

    @Test
    void orderServiceTokensFromTheClientCredentialsGrantRecordPurchases() {
        String id = api().withToken(keycloak.passwordToken("admin", "admin"))
                .post("/api/v1/members", member("Buyer", mobile(), null))
                .json()
                .get("id")
                .asText();
        Api orders = api().withToken(keycloak.clientToken("order-service", "order-service-secret"));

        Response bought =
                orders.post("/api/v1/members/" + id + "/purchases", "{\"orderId\":\"kc-1\",\"amount\":88.00}");

        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        assertThat(bought.json().at("/decision/pointsEarned").asLong()).isEqualTo(88);
        assertThat(orders.get("/api/v1/members/" + id).status()).isEqualTo(403);
    }

    @Test
    void theMemberUserSeesOnlyItsOwnMember() {
        commands.sendAndWait(new RegisterMemberCommand(
                REALM_MEMBER,
                new MemberProfile(
                        "Mei",
                        mobile(),
                        null,
                        Gender.FEMALE,
                        null,
                        MemberLocale.ZH_CN,
                        null,
                        null,
                        List.of(),
                        null,
                        null)));
        String other = api().withToken(keycloak.passwordToken("admin", "admin"))
                .post("/api/v1/members", member("Other", mobile(), null))
                .json()
                .get("id")
                .asText();
        Api mei = api().withToken(keycloak.passwordToken("member", "member"));

        Response me = mei.get("/api/v1/me", "X-Consistency-Token", REALM_MEMBER + ".0");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("id").asText()).isEqualTo(REALM_MEMBER.toString());
        assertThat(mei.post("/api/v1/me/check-in", null).status()).isEqualTo(200);
        assertThat(mei.get("/api/v1/members/" + other).status()).isEqualTo(403);
        assertThat(mei.get("/api/v1/members/" + REALM_MEMBER).status()).isEqualTo(403);
    }

    @Test
    void tokensOfTheDevelopmentIssuerAreNotAcceptedHere() {
        assertThat(api().post(
                                "/dev/token",
                                "grant_type=password&username=admin&password=admin",
                                "Content-Type",
                                "application/x-www-form-urlencoded")
                        .status())
                .isEqualTo(404);
        assertThat(api().get("/api/v1/members").status()).isEqualTo(401);
    }

    private Api api() {
        return new Api(port, null);
    }
}
