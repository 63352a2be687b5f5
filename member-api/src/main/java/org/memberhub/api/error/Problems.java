package org.memberhub.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.memberhub.kernel.error.ErrorKind;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Builds the Problem Details of a refusal: title and detail in the caller's language, the stable {@code code}. Used
 * by Spring MVC's exception handling and by everything that answers before or outside it (the security filters, the
 * firewall, the error page, Tomcat's own refusals), so that every error the application can answer looks the same.
 */
@Component
public class Problems {

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final ObjectMapper json;

    Problems(MessageSource messages, LocaleResolver locales, ObjectMapper json) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    /** The status of every domain refusal of a kind: the one mapping the answers and the API document share. */
    public static HttpStatus statusOf(ErrorKind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** The code of a refusal that only has a status (Tomcat's, the servlet container's error page). */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> ProblemCodes.BAD_REQUEST;
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> ProblemCodes.NOT_FOUND;
            case 405 -> ProblemCodes.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCodes.NOT_ACCEPTABLE;
            case 413 -> ProblemCodes.PAYLOAD_TOO_LARGE;
            case 414 -> ProblemCodes.URI_TOO_LONG;
            case 415 -> ProblemCodes.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ProblemCodes.HEADERS_TOO_LARGE;
            case 503 -> ProblemCodes.SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ProblemCodes.BAD_REQUEST : ProblemCodes.INTERNAL_ERROR;
        };
    }

    public ProblemDetail problem(HttpStatusCode status, String code, Locale locale, Object... arguments) {
        HttpStatus known = HttpStatus.resolve(status.value());
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(messages.getMessage(
                "status." + status.value(), null, known == null ? null : known.getReasonPhrase(), locale));
        Object[] texts = Arrays.stream(arguments).map(String::valueOf).toArray();
        problem.setDetail(messages.getMessage("error." + code, texts, code, locale));
        problem.setProperty("code", code);
        return problem;
    }

    public Locale locale(HttpServletRequest request) {
        return locales.resolveLocale(request);
    }

    /**
     * Sets status and headers of a Problem Details answer on the response and returns its body, for callers that
     * must write it themselves (a Tomcat valve writes through the connector's own writer).
     */
    public String prepare(
            HttpServletRequest request, HttpServletResponse response, int status, String code, Object... arguments) {
        Locale locale = locale(request);
        ProblemDetail problem = problem(HttpStatusCode.valueOf(status), code, locale, arguments);
        problem.setInstance(instance(request));
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path the caller asked for (on the error page: the one that failed); none when it is not a valid URI. */
    private static URI instance(HttpServletRequest request) {
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed
                ? failed
                : request.getRequestURI();
        try {
            return path == null ? null : URI.create(path);
        } catch (IllegalArgumentException unparsable) {
            return null;
        }
    }

    /** Answers the request with Problem Details, outside Spring MVC. */
    public void write(
            HttpServletRequest request, HttpServletResponse response, int status, String code, Object... arguments)
            throws IOException {
        String body = prepare(request, response, status, code, arguments);
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
