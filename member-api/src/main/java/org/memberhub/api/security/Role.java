package org.memberhub.api.security;

/** The roles of SPEC §6, as Keycloak realm (or client) roles name them. */
public enum Role {
    MEMBER_ADMIN("member-admin"),
    MEMBER_STAFF("member-staff"),
    AUDITOR("auditor"),
    ANALYST("analyst"),
    ORDER_SERVICE("order-service"),
    MEMBER("member"),
    /** Scrapes metrics (Prometheus) and reads the application's info; nothing about members. */
    MONITORING("monitoring");

    private final String keycloakName;

    Role(String keycloakName) {
        this.keycloakName = keycloakName;
    }

    public String keycloakName() {
        return keycloakName;
    }

    /** The Spring Security authority a token with this role is granted. */
    public String authority() {
        return "ROLE_" + keycloakName;
    }
}
