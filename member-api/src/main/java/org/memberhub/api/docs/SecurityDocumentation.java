package org.memberhub.api.docs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.memberhub.api.security.AccessPolicy;
import org.memberhub.api.security.Role;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Documents {@link AccessPolicy} on every operation: the bearer scheme with {@code 401}, and {@code 403} naming the
 * roles the operation is open to; public operations need no token. Lists each operation's answers by status.
 */
final class SecurityDocumentation implements OpenApiCustomizer {

    static final String BEARER = "bearerAuth";

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            document(path, method, operation);
            ApiResponses byStatus = new ApiResponses();
            operation.getResponses().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                    .forEach(response -> byStatus.addApiResponse(response.getKey(), response.getValue()));
            operation.setResponses(byStatus);
        }));
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        if (isPublic(path)) {
            operation.setSecurity(List.of());
            return;
        }
        operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
        ProblemResponses.add(operation.getResponses(), 401, List.of("UNAUTHORIZED"));
        String roles = AccessPolicy.RULES.stream()
                .filter(rule -> rule.method().name().equals(method.name())
                        && rule.path().equals(path))
                .flatMap(rule -> rule.roles().stream())
                .map(Role::keycloakName)
                .sorted()
                .collect(Collectors.joining(", "));
        ProblemResponses.add(
                operation.getResponses(),
                403,
                roles.isEmpty()
                        ? "Open to no role."
                        : "The token does not allow this operation; it is open to the roles " + roles + ".",
                List.of("FORBIDDEN"));
    }

    private static boolean isPublic(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return AccessPolicy.PUBLIC.stream()
                .anyMatch(pattern ->
                        PathPatternParser.defaultInstance.parse(pattern).matches(container));
    }
}
