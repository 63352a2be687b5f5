package org.memberhub.api.docs;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/**
 * The error answers of the API document: every one is {@code application/problem+json} with the {@value #SCHEMA}
 * schema, a description of what the status means here, and the stable codes it may carry (also as {@code x-codes}).
 */
final class ProblemResponses {

    static final String SCHEMA = "ProblemDetail";
    static final String CODES = "x-codes";

    private static final Map<Integer, String> MEANING = Map.of(
            400,
            "The request is malformed, or a field or parameter breaks its rule (`errors` names each one).",
            401,
            "No valid bearer token.",
            403,
            "The token does not allow this operation.",
            404,
            "What the path names does not exist (or no longer does).",
            406,
            "`Accept` asks for a type this operation cannot produce; nothing was done.",
            409,
            "Refused in the current state of what the request names; nothing changed.",
            412,
            "`If-Match` does not name the current version; nothing changed.",
            415,
            "The body's `Content-Type` is not one this operation reads.",
            422,
            "Well-formed, but the business rules refuse it; nothing changed.",
            503,
            "Cannot be answered now; send it again after `Retry-After` seconds. Nothing changed.");

    private ProblemResponses() {}

    /**
     * Adds the error answer of a status, or the codes to the one there is. {@code meaning} replaces the usual
     * description of the status when given. Adding the same again changes nothing.
     */
    static void add(ApiResponses responses, int status, String meaning, Collection<String> codes) {
        String key = Integer.toString(status);
        ApiResponse response = responses.get(key);
        if (response == null) {
            response = new ApiResponse().content(problemContent());
            if (status == 401) {
                response.addHeaderObject(
                        HttpHeaders.WWW_AUTHENTICATE,
                        new Header().description("Bearer, with the error").schema(new StringSchema()));
            }
            if (status == 503) {
                response.addHeaderObject(
                        HttpHeaders.RETRY_AFTER,
                        new Header().description("seconds to wait").schema(new IntegerSchema()));
            }
            responses.addApiResponse(key, response);
        } else if (response.getContent() == null
                || !response.getContent()
                        .containsKey(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
            response.setContent(problemContent());
        }
        Set<String> all = new LinkedHashSet<>(codesOf(response));
        all.addAll(codes);
        response.setExtensions(null);
        if (!all.isEmpty()) {
            response.addExtension(CODES, new ArrayList<>(all));
        }
        String sentence = meaning != null ? meaning : MEANING.getOrDefault(status, "Refused.");
        if (meaning == null
                && response.getDescription() != null
                && !response.getDescription().isBlank()) {
            // keep a meaning given before (the security rule's), only the codes change
            String given = response.getDescription();
            int codesAt = given.indexOf(" Codes: ");
            sentence = codesAt < 0 ? given : given.substring(0, codesAt);
        }
        response.setDescription(all.isEmpty() ? sentence : sentence + " Codes: " + String.join(", ", all) + ".");
    }

    static void add(ApiResponses responses, int status, Collection<String> codes) {
        add(responses, status, null, codes);
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(
                        org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref(SCHEMA)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> codesOf(ApiResponse response) {
        Object codes = response.getExtensions() == null
                ? null
                : response.getExtensions().get(CODES);
        return codes instanceof List<?> list ? (List<String>) list : List.of();
    }
}
