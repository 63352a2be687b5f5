package org.memberhub.api.security;

import static org.memberhub.api.security.Role.ANALYST;
import static org.memberhub.api.security.Role.AUDITOR;
import static org.memberhub.api.security.Role.MEMBER;
import static org.memberhub.api.security.Role.MEMBER_ADMIN;
import static org.memberhub.api.security.Role.MEMBER_STAFF;
import static org.memberhub.api.security.Role.MONITORING;
import static org.memberhub.api.security.Role.ORDER_SERVICE;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * Who may call what: the one table the security configuration enforces, the README documents and the role-matrix
 * test checks against every endpoint the application has. An endpoint missing here is denied to everybody.
 */
public final class AccessPolicy {

    /** One endpoint and the roles that may call it. */
    public record Rule(HttpMethod method, String path, Set<Role> roles) {}

    /**
     * Reachable without a token: health, API documentation, the development token endpoint and the web console's
     * static files (every API call the console makes carries the user's token).
     */
    public static final List<String> PUBLIC = List.of(
            "/",
            "/console",
            "/console/**",
            "/health",
            "/health/**",
            "/v3/api-docs",
            "/v3/api-docs/**",
            "/swagger-ui.html",
            "/swagger-ui/**",
            "/dev/token",
            "/error");

    private static final String MEMBER_PATH = "/api/v1/members/{id}";
    private static final String PROJECTION_PATH = "/api/v1/admin/projections/{name}";
    private static final String BENEFIT_PATH = "/api/v1/benefits/{benefitId}";
    private static final String ACTIVITY_PATH = "/api/v1/activities/{activityId}";

    public static final List<Rule> RULES = List.of(
            rule(HttpMethod.GET, "/api/v1/members", MEMBER_ADMIN, MEMBER_STAFF, AUDITOR),
            rule(HttpMethod.POST, "/api/v1/members", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.GET, MEMBER_PATH, MEMBER_ADMIN, MEMBER_STAFF, AUDITOR),
            rule(HttpMethod.PUT, MEMBER_PATH, MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.DELETE, MEMBER_PATH, MEMBER_ADMIN),
            rule(HttpMethod.POST, MEMBER_PATH + "/erase", MEMBER_ADMIN),
            rule(HttpMethod.POST, MEMBER_PATH + "/freeze", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.POST, MEMBER_PATH + "/unfreeze", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.POST, MEMBER_PATH + "/purchases", MEMBER_ADMIN, ORDER_SERVICE),
            rule(HttpMethod.POST, MEMBER_PATH + "/refunds", MEMBER_ADMIN, ORDER_SERVICE),
            rule(HttpMethod.GET, MEMBER_PATH + "/points", MEMBER_ADMIN, MEMBER_STAFF, AUDITOR, ORDER_SERVICE),
            rule(HttpMethod.GET, MEMBER_PATH + "/points/ledger", MEMBER_ADMIN, MEMBER_STAFF, AUDITOR),
            rule(HttpMethod.GET, MEMBER_PATH + "/points/lots", MEMBER_ADMIN, MEMBER_STAFF, AUDITOR),
            rule(HttpMethod.POST, MEMBER_PATH + "/points/earn", MEMBER_ADMIN, MEMBER_STAFF, ORDER_SERVICE),
            rule(HttpMethod.POST, MEMBER_PATH + "/points/spend", MEMBER_ADMIN, ORDER_SERVICE),
            rule(HttpMethod.POST, MEMBER_PATH + "/points/spend/{orderId}/cancel", MEMBER_ADMIN, ORDER_SERVICE),
            rule(HttpMethod.POST, MEMBER_PATH + "/points/redeem", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.POST, MEMBER_PATH + "/points/adjust", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.GET, MEMBER_PATH + "/level", MEMBER_ADMIN, MEMBER_STAFF, AUDITOR, ORDER_SERVICE),
            rule(HttpMethod.GET, MEMBER_PATH + "/level/history", MEMBER_ADMIN, MEMBER_STAFF, AUDITOR),
            rule(HttpMethod.POST, MEMBER_PATH + "/level/adjust", MEMBER_ADMIN),
            rule(HttpMethod.GET, MEMBER_PATH + "/benefits", MEMBER_ADMIN, MEMBER_STAFF, AUDITOR, ORDER_SERVICE),
            rule(HttpMethod.POST, MEMBER_PATH + "/benefits/{benefitId}/use", MEMBER_ADMIN, MEMBER_STAFF, ORDER_SERVICE),
            rule(HttpMethod.POST, MEMBER_PATH + "/benefits/{benefitId}/buy", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.GET, "/api/v1/benefits", MEMBER_ADMIN, MEMBER_STAFF, AUDITOR, ANALYST, ORDER_SERVICE),
            rule(HttpMethod.POST, "/api/v1/benefits", MEMBER_ADMIN),
            rule(HttpMethod.GET, BENEFIT_PATH, MEMBER_ADMIN, MEMBER_STAFF, AUDITOR, ANALYST, ORDER_SERVICE),
            rule(HttpMethod.PUT, BENEFIT_PATH, MEMBER_ADMIN),
            rule(HttpMethod.POST, BENEFIT_PATH + "/retire", MEMBER_ADMIN),
            rule(HttpMethod.GET, MEMBER_PATH + "/activities", MEMBER_ADMIN, MEMBER_STAFF, AUDITOR),
            rule(HttpMethod.GET, "/api/v1/activities", MEMBER_ADMIN, MEMBER_STAFF, AUDITOR, ANALYST),
            rule(HttpMethod.POST, "/api/v1/activities", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.GET, ACTIVITY_PATH, MEMBER_ADMIN, MEMBER_STAFF, AUDITOR, ANALYST),
            rule(HttpMethod.PUT, ACTIVITY_PATH, MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.POST, ACTIVITY_PATH + "/open", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.POST, ACTIVITY_PATH + "/close", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.GET, ACTIVITY_PATH + "/participants", MEMBER_ADMIN, MEMBER_STAFF, AUDITOR),
            rule(HttpMethod.POST, ACTIVITY_PATH + "/participants", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.GET, "/api/v1/stats", MEMBER_ADMIN, MEMBER_STAFF, ANALYST),
            rule(HttpMethod.GET, "/api/v1/stats/{report}", MEMBER_ADMIN, MEMBER_STAFF, ANALYST),
            rule(HttpMethod.GET, "/api/v1/stats/{report}.csv", MEMBER_ADMIN, MEMBER_STAFF, ANALYST),
            rule(HttpMethod.GET, MEMBER_PATH + "/history", MEMBER_ADMIN, AUDITOR),
            rule(HttpMethod.GET, MEMBER_PATH + "/state", MEMBER_ADMIN, AUDITOR),
            rule(HttpMethod.GET, "/api/v1/audit/log", MEMBER_ADMIN, AUDITOR),
            rule(HttpMethod.GET, "/api/v1/audit/log.csv", MEMBER_ADMIN, AUDITOR),
            rule(HttpMethod.GET, "/api/v1/admin/consistency", MEMBER_ADMIN),
            rule(HttpMethod.GET, "/api/v1/admin/projections", MEMBER_ADMIN),
            rule(HttpMethod.GET, PROJECTION_PATH, MEMBER_ADMIN),
            rule(HttpMethod.POST, PROJECTION_PATH + "/replay", MEMBER_ADMIN),
            rule(HttpMethod.GET, PROJECTION_PATH + "/dead-letters", MEMBER_ADMIN),
            rule(HttpMethod.POST, PROJECTION_PATH + "/dead-letters/retry", MEMBER_ADMIN),
            rule(HttpMethod.GET, "/api/v1/admin/sweep/poisoned", MEMBER_ADMIN),
            rule(HttpMethod.POST, "/api/v1/admin/sweep/poisoned/retry", MEMBER_ADMIN),
            rule(HttpMethod.GET, "/api/v1/sync/status", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.GET, "/api/v1/sync/runs", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.GET, "/api/v1/sync/runs/{id}", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.GET, "/api/v1/sync/runs/{id}/decisions", MEMBER_ADMIN, MEMBER_STAFF),
            rule(HttpMethod.POST, "/api/v1/sync/runs", MEMBER_ADMIN),
            rule(HttpMethod.GET, "/api/v1/me", MEMBER),
            rule(HttpMethod.PUT, "/api/v1/me", MEMBER),
            rule(HttpMethod.GET, "/api/v1/me/overview", MEMBER),
            rule(HttpMethod.GET, "/api/v1/me/points", MEMBER),
            rule(HttpMethod.GET, "/api/v1/me/points/ledger", MEMBER),
            rule(HttpMethod.GET, "/api/v1/me/points/lots", MEMBER),
            rule(HttpMethod.GET, "/api/v1/me/level", MEMBER),
            rule(HttpMethod.POST, "/api/v1/me/check-in", MEMBER),
            rule(HttpMethod.POST, "/api/v1/me/points/spend", MEMBER),
            rule(HttpMethod.GET, "/api/v1/me/rewards", MEMBER),
            rule(HttpMethod.POST, "/api/v1/me/points/redeem", MEMBER),
            rule(HttpMethod.GET, "/api/v1/me/benefits", MEMBER),
            rule(HttpMethod.POST, "/api/v1/me/benefits/{benefitId}/use", MEMBER),
            rule(HttpMethod.POST, "/api/v1/me/benefits/{benefitId}/buy", MEMBER),
            rule(HttpMethod.GET, "/api/v1/me/activities", MEMBER),
            rule(HttpMethod.POST, "/api/v1/me/activities/{activityId}/join", MEMBER),
            rule(HttpMethod.GET, "/prometheus", MONITORING, MEMBER_ADMIN),
            rule(HttpMethod.GET, "/metrics", MONITORING, MEMBER_ADMIN),
            rule(HttpMethod.GET, "/metrics/{name}", MONITORING, MEMBER_ADMIN),
            rule(HttpMethod.GET, "/info", MONITORING, MEMBER_ADMIN));

    private AccessPolicy() {}

    private static Rule rule(HttpMethod method, String path, Role first, Role... more) {
        return new Rule(method, path, EnumSet.of(first, more));
    }
}
