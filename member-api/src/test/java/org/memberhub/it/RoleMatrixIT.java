package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.memberhub.api.security.AccessPolicy;
import org.memberhub.api.security.Role;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint × every role: allowed (any answer but 401 or 403) or forbidden (403), exactly as
 * {@link AccessPolicy} says; generated from the policy and the application's own endpoints, so an endpoint added
 * without a rule fails this test.
 */
@PostgresIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixIT {

    /** The demo user of each role. */
    private static final Map<Role, String> USERS = Map.of(
            Role.MEMBER_ADMIN, "admin",
            Role.MEMBER_STAFF, "staff",
            Role.AUDITOR, "auditor",
            Role.ANALYST, "analyst",
            Role.ORDER_SERVICE, "orders",
            Role.MEMBER, "member",
            Role.MONITORING, "monitoring");

    @Autowired
    Api api;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping endpoints;

    /** Every request-mapping handler mapping: the controllers' ({@link #endpoints}) and the actuator's. */
    @Autowired
    ObjectProvider<RequestMappingInfoHandlerMapping> actuator;

    private String memberId;

    @BeforeAll
    void aMember() {
        memberId = api.post("/api/v1/members", member("Matrix", mobile(), null))
                .json()
                .get("id")
                .asText();
    }

    @Test
    void everyEndpointOfTheApiHasExactlyOneRule() {
        Set<String> endpointsOfTheApplication = new TreeSet<>();
        for (RequestMappingInfo mapping : endpoints.getHandlerMethods().keySet()) {
            for (String pattern : mapping.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    for (RequestMethod method : mapping.getMethodsCondition().getMethods()) {
                        endpointsOfTheApplication.add(method + " " + pattern);
                    }
                }
            }
        }
        List<String> rules = AccessPolicy.RULES.stream()
                .filter(rule -> rule.path().startsWith("/api/"))
                .map(rule -> rule.method().name() + " " + rule.path())
                .toList();

        assertThat(rules).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(rules))
                .as("AccessPolicy.RULES must name every endpoint of the API, and only those")
                .isEqualTo(endpointsOfTheApplication);
    }

    /**
     * The actuator's endpoints are exposed by configuration, outside the controllers: every one exposed has a rule too
     * (health is public), so that exposing another one cannot hand it to every authenticated caller.
     */
    @Test
    void everyExposedActuatorEndpointHasARule() {
        Set<String> exposed = new TreeSet<>();
        for (RequestMappingInfo mapping : actuator.stream()
                .filter(handlerMapping -> handlerMapping != endpoints)
                .flatMap(handlerMapping -> handlerMapping.getHandlerMethods().keySet().stream())
                .toList()) {
            for (String pattern : mapping.getPatternValues()) {
                if (!pattern.equals("/health") && !pattern.startsWith("/health/")) {
                    Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        exposed.add(method + " " + withoutVariableNames(pattern));
                    }
                }
            }
        }
        Set<String> rules = AccessPolicy.RULES.stream()
                .filter(rule -> !rule.path().startsWith("/api/"))
                .map(rule -> rule.method().name() + " " + withoutVariableNames(rule.path()))
                .collect(Collectors.toCollection(TreeSet::new));

        // (a rule may name an endpoint this context does not expose: tests run without the Prometheus registry)
        assertThat(rules)
                .as("AccessPolicy.RULES must name every exposed actuator endpoint")
                .containsAll(exposed);
    }

    private static String withoutVariableNames(String pattern) {
        return pattern.replaceAll("\\{[^}]*}", "{}");
    }

    @TestFactory
    Stream<DynamicTest> everyRoleIsAllowedOrForbiddenAsThePolicySays() {
        List<DynamicTest> tests = new ArrayList<>();
        for (AccessPolicy.Rule rule : AccessPolicy.RULES) {
            for (Role role : Role.values()) {
                boolean allowed = rule.roles().contains(role);
                tests.add(DynamicTest.dynamicTest(
                        rule.method() + " " + rule.path() + " as " + role.keycloakName()
                                + (allowed ? " allowed" : " forbidden"),
                        () -> {
                            Api caller = role == Role.MEMBER ? api.asMember(memberId) : api.as(USERS.get(role));
                            Response response = call(caller, rule);
                            if (allowed) {
                                // the policy lets it through: any answer but 401 and the policy's 403 FORBIDDEN (the
                                // matrix's member may be deleted by then, so /me answers MEMBER_BINDING_MISSING)
                                assertThat(response.status())
                                        .as(response.toString())
                                        .isNotEqualTo(401);
                                if (response.status() == 403) {
                                    assertThat(response.json().get("code").asText())
                                            .as(response.toString())
                                            .isNotEqualTo("FORBIDDEN");
                                }
                            } else {
                                assertThat(response.status())
                                        .as(response.toString())
                                        .isEqualTo(403);
                                assertThat(response.json().get("code").asText()).isEqualTo("FORBIDDEN");
                            }
                        }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> withoutATokenEveryEndpointAnswers401() {
        return AccessPolicy.RULES.stream()
                .map(rule -> DynamicTest.dynamicTest(rule.method() + " " + rule.path(), () -> {
                    Response response = call(api.anonymous(), rule);
                    assertThat(response.status()).as(response.toString()).isEqualTo(401);
                    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
                    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                    assertThat(response.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
                }));
    }

    @Test
    void publicEndpointsNeedNoToken() {
        assertThat(api.anonymous().get("/health").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void unknownPathsAreNotFoundForCallersWithAToken() {
        assertThat(api.as("analyst").get("/api/v1/nothing").status()).isEqualTo(404);
        assertThat(api.anonymous().get("/api/v1/nothing").status()).isEqualTo(401);
    }

    private Response call(Api caller, AccessPolicy.Rule rule) {
        String path = rule.path()
                .replace("{id}", memberId)
                .replace("{name}", "jvm.memory.used")
                .replace("{benefitId}", "free-shipping")
                .replace("{orderId}", "o-1")
                .replace("{activityId}", "0190f2a4-1c3e-7a00-8000-0000000000aa")
                .replace("{report}", "points-liability");
        String body = rule.method() == HttpMethod.POST || rule.method() == HttpMethod.PUT ? "{}" : null;
        return caller.send(rule.method().name(), path, body);
    }
}
