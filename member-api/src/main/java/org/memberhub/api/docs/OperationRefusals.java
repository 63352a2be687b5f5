package org.memberhub.api.docs;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.validation.Constraint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.memberhub.api.error.ProblemCodes;
import org.memberhub.api.error.Problems;
import org.memberhub.api.web.Consistency;
import org.memberhub.kernel.error.ErrorCode;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents what an operation can answer besides its success, derived from its handler method:
 * <ul>
 *   <li>every operation: {@code 400} (a request Tomcat or the firewall refuses), {@code 406} (an
 *       {@code Accept} it cannot produce) and {@code 503} (the database unreachable or too slow);
 *   <li>a JSON body: {@code 400} for malformed JSON, unknown fields, wrong types and broken rules; a body or a
 *       declared {@code consumes}: {@code 415} for another content type; parameters: {@code 400} when invalid;
 *   <li>a path variable: {@code 404}; {@code If-Match}: {@code 412}; {@code X-Consistency-Token}: {@code 400} for an
 *       invalid one, {@code 503} when the read model does not catch up in time; the token's member
 *       ({@code /me}): {@code 403} for a token bound to none;
 *   <li>the domain refusals it declares with {@link Refuses}, under the status of their kind.
 * </ul>
 * Error answers declared with {@code @ApiResponse} (those of the development issuer) are Problem Details too.
 * The security rule's {@code 401} and {@code 403} are added per path ({@link SecurityDocumentation}). Created and
 * accepted answers ({@code 201}, {@code 202}, from {@code @ResponseStatus}) carry {@code Location}.
 */
final class OperationRefusals implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses();
        for (String created : List.of("201", "202")) {
            ApiResponse success = responses.get(created);
            if (success != null) {
                success.addHeaderObject(
                        HttpHeaders.LOCATION,
                        new Header()
                                .description("where to read what was created or started")
                                .schema(new StringSchema().format("uri")));
            }
        }

        Map<Integer, List<String>> codes = new LinkedHashMap<>();
        // error answers declared with @ApiResponse become Problem Details like the derived ones
        responses.keySet().stream()
                .filter(status -> status.startsWith("4") || status.startsWith("5"))
                .forEach(status -> codes(codes, Integer.parseInt(status)));
        List<String> invalid = codes(codes, 400);
        List<MethodParameter> parameters = Arrays.asList(handler.getMethodParameters());
        RequestBody body = parameters.stream()
                .map(parameter -> parameter.getParameterAnnotation(RequestBody.class))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        if (body != null || (mapping != null && mapping.consumes().length > 0)) {
            codes(codes, 415).add(ProblemCodes.UNSUPPORTED_MEDIA_TYPE);
        }
        if (body != null) {
            invalid.addAll(List.of(
                    ProblemCodes.MALFORMED_JSON,
                    ProblemCodes.UNKNOWN_FIELD,
                    ProblemCodes.INVALID_FIELD_VALUE,
                    ProblemCodes.VALIDATION_FAILED));
            if (body.required()) {
                invalid.add(ProblemCodes.MISSING_BODY);
            }
        }
        if (parameters.stream()
                .anyMatch(parameter -> parameter.hasParameterAnnotation(PathVariable.class)
                        || parameter.hasParameterAnnotation(RequestParam.class)
                        || parameter.hasParameterAnnotation(RequestHeader.class))) {
            invalid.add(ProblemCodes.INVALID_PARAMETER);
        }
        if (parameters.stream().anyMatch(OperationRefusals::constrained)) {
            invalid.add(ProblemCodes.VALIDATION_FAILED);
        }
        invalid.addAll(List.of(ProblemCodes.REQUEST_REJECTED, ProblemCodes.BAD_REQUEST));
        if (parameters.stream().anyMatch(parameter -> parameter.hasParameterAnnotation(PathVariable.class))) {
            codes(codes, 404);
        }
        Set<String> headers = headerNames(parameters);
        if (headers.contains(Consistency.HEADER)) {
            invalid.addAll(List.of(
                    ProblemCodes.INVALID_CONSISTENCY_TOKEN,
                    ErrorCode.CONSISTENCY_TOKEN_OTHER_MEMBER.name(),
                    ErrorCode.CONSISTENCY_TOKEN_AHEAD.name()));
            codes(codes, 503).add(ErrorCode.READ_MODEL_LAGGING.name());
        }
        if (headers.contains(HttpHeaders.IF_MATCH)) {
            codes(codes, 412).add(ErrorCode.VERSION_MISMATCH.name());
        }
        if (parameters.stream()
                .anyMatch(parameter -> parameter.hasParameterAnnotation(AuthenticationPrincipal.class))) {
            codes(codes, 403).add("MEMBER_BINDING_MISSING");
        }
        if (selfServiceWrite(handler, mapping)) {
            codes(codes, 429).add(ProblemCodes.RATE_LIMITED);
        }
        codes(codes, 406).add(ProblemCodes.NOT_ACCEPTABLE);
        codes(codes, 503).add(ProblemCodes.SERVICE_UNAVAILABLE);
        if (mapping != null && Arrays.stream(mapping.method()).anyMatch(method -> method != RequestMethod.GET)) {
            // a write reaching an instance without the command role (memberhub.roles, InstanceRoles)
            codes(codes, 503).add(ErrorCode.COMMANDS_NOT_HANDLED_HERE.name());
        }
        for (Refuses refuses : declared(handler)) {
            for (ErrorCode refusal : refuses.value()) {
                codes(codes, Problems.statusOf(refusal.kind()).value()).add(refusal.name());
            }
            invalid.addAll(Arrays.asList(refuses.badRequest()));
            if (refuses.conflict().length > 0) {
                codes(codes, 409).addAll(Arrays.asList(refuses.conflict()));
            }
        }
        codes.forEach((status, answered) -> ProblemResponses.add(responses, status, answered));
        return operation;
    }

    /** A write of self-service, which is rate-limited per member ({@code SelfServiceWriteLimit}). */
    private static boolean selfServiceWrite(HandlerMethod handler, RequestMapping mapping) {
        RequestMapping controller =
                AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        return controller != null
                && Arrays.asList(controller.path()).contains("/api/v1/me")
                && mapping != null
                && Arrays.stream(mapping.method()).anyMatch(method -> method != RequestMethod.GET);
    }

    private static boolean constrained(MethodParameter parameter) {
        return !parameter.hasParameterAnnotation(RequestBody.class)
                && Arrays.stream(parameter.getParameterAnnotations())
                        .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(Constraint.class));
    }

    private static List<String> codes(Map<Integer, List<String>> codes, int status) {
        return codes.computeIfAbsent(status, ignored -> new ArrayList<>());
    }

    private static Set<String> headerNames(List<MethodParameter> parameters) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (MethodParameter parameter : parameters) {
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            if (header != null) {
                names.add(header.name().isEmpty() ? header.value() : header.name());
            }
        }
        return names;
    }

    /** What the controller declares for all of its methods, and what the method declares. */
    private static List<Refuses> declared(HandlerMethod handler) {
        return Stream.of(
                        AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Refuses.class),
                        AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Refuses.class))
                .filter(Objects::nonNull)
                .toList();
    }
}
