package org.memberhub.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolation;
import java.beans.PropertyEditorSupport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.memberhub.api.validation.RefusedValueException;
import org.memberhub.api.validation.StrictInputModule;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.error.LogSafe;
import org.memberhub.kernel.member.InvalidProfileException;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.ProfileRules;
import org.memberhub.kernel.member.ProfileViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal into RFC 9457 Problem Details: the HTTP status, a stable {@code code}, a {@code detail} in the
 * caller's language and, for invalid input, one entry per invalid field in {@code errors}. Nothing internal (stack
 * traces, SQL, class names) ever reaches the response.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** Field limits the domain enforces, for messages about violations that only the domain caught. */
    private static final Map<String, Integer> MAX_LENGTHS = Map.of(
            "name", ProfileRules.NAME_MAX_LENGTH,
            "email", ProfileRules.EMAIL_MAX_LENGTH,
            "address", ProfileRules.ADDRESS_MAX_LENGTH,
            "notes", ProfileRules.NOTES_MAX_LENGTH,
            "tags", ProfileRules.TAG_MAX_LENGTH,
            "externalRef", ProfileRules.EXTERNAL_REF_MAX_LENGTH);

    /** The aggregates other than members that a path names, by the name of its variable. */
    private static final Map<String, ErrorCode> NOT_FOUND_BY_PATH_VARIABLE =
            Map.of("activityId", ErrorCode.ACTIVITY_NOT_FOUND, "benefitId", ErrorCode.BENEFIT_NOT_FOUND);

    private final MessageSource messages;
    private final Problems problems;

    ProblemDetailsAdvice(MessageSource messages, Problems problems) {
        this.messages = messages;
        this.problems = problems;
    }

    /**
     * Text parameters, path variables and headers obey the same rule as text in bodies: nothing PostgreSQL could not
     * store (a {@code %00} in a search term). A refused value is a 400 naming the parameter.
     */
    @InitBinder
    void storableText(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                if (text != null && !StrictInputModule.isStorable(text)) {
                    throw new IllegalArgumentException("text that cannot be stored");
                }
                setValue(text);
            }
        });
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> handleDomain(DomainException ex) {
        if (ex instanceof InvalidProfileException invalid) {
            List<FieldProblem> errors =
                    invalid.violations().stream().map(this::fieldProblem).toList();
            return problem(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, errors);
        }
        HttpStatus status = Problems.statusOf(ex.code().kind());
        HttpHeaders headers = new HttpHeaders();
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
        }
        return problem(status, ex.code().name(), headers, null, ex.arguments().toArray());
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApi(ApiException ex) {
        return problem(
                ex.status(), ex.code(), new HttpHeaders(), null, ex.arguments().toArray());
    }

    /**
     * A command for an aggregate that does not exist. Which kind of aggregate, the path variable that named it says:
     * an unknown activity is {@code ACTIVITY_NOT_FOUND}, not "member not found".
     */
    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> handleAggregateNotFound(AggregateNotFoundException ex, WebRequest request) {
        String identifier = String.valueOf(ex.getAggregateIdentifier());
        ErrorCode code = ErrorCode.MEMBER_NOT_FOUND;
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
                instanceof Map<?, ?> variables) {
            for (Map.Entry<?, ?> variable : variables.entrySet()) {
                if (NOT_FOUND_BY_PATH_VARIABLE.containsKey(variable.getKey())
                        && variable.getValue() instanceof String value
                        && value.equalsIgnoreCase(identifier)) {
                    code = NOT_FOUND_BY_PATH_VARIABLE.get(variable.getKey());
                }
            }
        }
        return problem(HttpStatus.NOT_FOUND, code.name(), new HttpHeaders(), null, identifier);
    }

    /** A race with another writer that outlasted the command retries. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<Object> handleConcurrency(Exception ex) {
        return problem(HttpStatus.CONFLICT, ErrorCode.CONCURRENT_MODIFICATION.name(), null);
    }

    /** The firewall checks header values when they are read, which may be inside a handler: still a refusal. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> handleRejected(RequestRejectedException ex) {
        return problem(HttpStatus.BAD_REQUEST, ProblemCodes.REQUEST_REJECTED, null);
    }

    @ExceptionHandler({NoHandlerForCommandException.class, NoHandlerForQueryException.class})
    ResponseEntity<Object> handleNoHandler(Exception ex) {
        log.error("No handler is available for a request", ex);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.SERVICE_UNAVAILABLE, null);
    }

    /**
     * Messaging wraps what a handler threw: a domain refusal from a remote handler arrives as the details of a
     * handler execution exception, a local one as the cause of a completion exception.
     */
    @ExceptionHandler({CompletionException.class, ExecutionException.class, HandlerExecutionException.class})
    ResponseEntity<Object> handleWrapped(Exception ex, WebRequest request) {
        if (ex instanceof HandlerExecutionException handlerFailure) {
            Object details = handlerFailure.getDetails().orElse(null);
            if (details instanceof DomainException domain) {
                return handleDomain(domain);
            }
            if (ex instanceof CommandExecutionException && ex.getCause() == null) {
                return handleUnexpected(ex);
            }
        }
        Throwable cause = ex.getCause();
        if (cause instanceof Exception exception && cause != ex) {
            return dispatch(exception, request);
        }
        return handleUnexpected(ex);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex) {
        if (DatabaseUnavailable.timedOut(ex)) {
            // it waited too long for a lock or a statement: its transaction rolled back, nothing changed
            return serviceUnavailable("A request timed out in the database and changed nothing", ex, 1);
        }
        if (DatabaseUnavailable.unreachable(ex)) {
            // a passing condition of the service, which readiness and the pool's metrics show too
            return serviceUnavailable("The database could not be reached", ex, 5);
        }
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error, reference {}", reference, ex);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR, ProblemCodes.INTERNAL_ERROR, new HttpHeaders(), null, reference);
    }

    /**
     * Not an error of the request: logged as one line without a stack trace, answered 503 with {@code Retry-After} so
     * that clients and load balancers send it again later.
     */
    private ResponseEntity<Object> serviceUnavailable(String what, Exception ex, int retryAfterSeconds) {
        log.warn("{}: {}", what, rootMessage(ex));
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.SERVICE_UNAVAILABLE, headers, null);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + LogSafe.text(root.getMessage());
    }

    private ResponseEntity<Object> dispatch(Exception ex, WebRequest request) {
        if (ex instanceof DomainException domain) {
            return handleDomain(domain);
        }
        if (ex instanceof ApiException api) {
            return handleApi(api);
        }
        if (ex instanceof AggregateNotFoundException notFound) {
            return handleAggregateNotFound(notFound, request);
        }
        if (ex instanceof ConcurrencyException || ex instanceof AggregateStreamCreationException) {
            return handleConcurrency(ex);
        }
        if (ex instanceof NoHandlerForCommandException || ex instanceof NoHandlerForQueryException) {
            return handleNoHandler(ex);
        }
        if (ex instanceof CompletionException
                || ex instanceof ExecutionException
                || ex instanceof HandlerExecutionException) {
            return handleWrapped(ex, request);
        }
        try {
            ResponseEntity<Object> framework = handleException(ex, request);
            return framework != null ? framework : handleUnexpected(ex);
        } catch (Exception unknownToSpring) {
            return handleUnexpected(ex);
        }
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(constraintProblem(error.getField(), error));
        }
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.add(constraintProblem(error.getObjectName(), error)));
        return problem(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getAllValidationResults().forEach(result -> {
            String parameter = parameterName(result.getMethodParameter());
            result.getResolvableErrors().forEach(error -> errors.add(constraintProblem(parameter, error)));
        });
        return problem(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return problem(
                    HttpStatus.BAD_REQUEST,
                    ProblemCodes.UNKNOWN_FIELD,
                    new HttpHeaders(),
                    List.of(new FieldProblem(field, ProblemCodes.UNKNOWN_FIELD, message("field.UNKNOWN_FIELD"))),
                    field);
        }
        if (cause instanceof RefusedValueException refused && !refused.getPath().isEmpty()) {
            String field = path(refused);
            return problem(
                    HttpStatus.BAD_REQUEST,
                    ProblemCodes.INVALID_FIELD_VALUE,
                    new HttpHeaders(),
                    List.of(new FieldProblem(
                            field,
                            refused.fieldCode(),
                            message(refused.messageKey(), refused.arguments().toArray()))),
                    field);
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            Class<?> target = cause instanceof MismatchedInputException mismatch
                    ? mismatch.getTargetType()
                    : cause instanceof ValueInstantiationException instantiation
                            ? instantiation.getType().getRawClass()
                            : null;
            String fieldMessage = target != null && target.isEnum()
                    ? message("field.ONE_OF", allowedValues(target))
                    : message("field.INVALID_VALUE");
            return problem(
                    HttpStatus.BAD_REQUEST,
                    ProblemCodes.INVALID_FIELD_VALUE,
                    new HttpHeaders(),
                    List.of(new FieldProblem(field, ProblemCodes.INVALID_FIELD_VALUE, fieldMessage)),
                    field);
        }
        if (cause instanceof JsonProcessingException) {
            return problem(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_JSON, null);
        }
        return problem(HttpStatus.BAD_REQUEST, ProblemCodes.MISSING_BODY, null);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String parameter = ex instanceof MethodArgumentTypeMismatchException mismatch
                ? mismatch.getName()
                : String.valueOf(ex.getPropertyName());
        return invalidParameter(parameter);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return invalidParameter(ex.getParameterName());
    }

    /** Every other exception Spring MVC knows (no route, wrong method, wrong media type, ...). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missingHeader) {
            return invalidParameter(missingHeader.getHeaderName());
        }
        Object[] arguments = {};
        String code = Problems.codeFor(status.value());
        if (ex instanceof HttpRequestMethodNotSupportedException method) {
            arguments = new Object[] {method.getMethod()};
        } else if (ex instanceof HttpMediaTypeNotSupportedException media) {
            arguments = new Object[] {String.valueOf(media.getContentType())};
        }
        if (status.is5xxServerError()) {
            log.error("Request failed", ex);
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        if (headers != null) {
            problemHeaders.putAll(headers);
        }
        return problem(status, code, problemHeaders, null, arguments);
    }

    private ResponseEntity<Object> invalidParameter(String parameter) {
        return problem(
                HttpStatus.BAD_REQUEST,
                ProblemCodes.INVALID_PARAMETER,
                new HttpHeaders(),
                List.of(new FieldProblem(parameter, ProblemCodes.INVALID_PARAMETER, message("field.INVALID_VALUE"))),
                parameter);
    }

    private ResponseEntity<Object> problem(HttpStatusCode status, String code, List<FieldProblem> errors) {
        return problem(status, code, new HttpHeaders(), errors);
    }

    private ResponseEntity<Object> problem(
            HttpStatusCode status, String code, HttpHeaders headers, List<FieldProblem> errors, Object... arguments) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = problems.problem(status, code, locale, arguments);
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        headers.setContentLanguage(locale);
        // set, not negotiated: an Accept that cannot be parsed would otherwise leave the refusal without a body
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private FieldProblem fieldProblem(ProfileViolation violation) {
        Integer max = ProfileViolation.TOO_MANY.equals(violation.code())
                ? Integer.valueOf(ProfileRules.MAX_TAGS)
                : MAX_LENGTHS.get(violation.field());
        return new FieldProblem(violation.field(), violation.code(), message("field." + violation.code(), max));
    }

    /** Maps a Bean Validation constraint to the same codes the domain uses for the same rules. */
    private FieldProblem constraintProblem(String field, MessageSourceResolvable error) {
        String constraint = error.getCodes() == null || error.getCodes().length == 0
                ? ""
                : error.getCodes()[error.getCodes().length - 1];
        Map<String, Object> attributes = Map.of();
        Object invalidValue = null;
        ConstraintViolation<?> violation = unwrapViolation(error);
        if (violation != null) {
            attributes = violation.getConstraintDescriptor().getAttributes();
            invalidValue = violation.getInvalidValue();
            constraint = violation
                    .getConstraintDescriptor()
                    .getAnnotation()
                    .annotationType()
                    .getSimpleName();
        }
        String code =
                switch (constraint) {
                    case "NotBlank", "NotNull", "NotEmpty" -> ProfileViolation.REQUIRED;
                    case "Size" -> invalidValue instanceof Collection<?>
                            ? ProfileViolation.TOO_MANY
                            : ProfileViolation.TOO_LONG;
                    case "Pattern", "TimeZoneId" -> ProfileViolation.INVALID_FORMAT;
                    case "MobileNumber" -> ProfileViolation.INVALID_MOBILE;
                    case "EmailAddress" -> ProfileViolation.INVALID_EMAIL;
                    default -> ProfileViolation.OUT_OF_RANGE;
                };
        return new FieldProblem(field, code, message("field." + code, attributes.get("max")));
    }

    private static ConstraintViolation<?> unwrapViolation(MessageSourceResolvable error) {
        try {
            if (error instanceof FieldError fieldError) {
                return fieldError.unwrap(ConstraintViolation.class);
            }
            if (error instanceof ObjectError objectError) {
                return objectError.unwrap(ConstraintViolation.class);
            }
        } catch (IllegalArgumentException notAViolation) {
            return null;
        }
        return null;
    }

    private String message(String key, Object... arguments) {
        return messages.getMessage(key, asText(arguments), key, LocaleContextHolder.getLocale());
    }

    /** Arguments are formatted as plain text, never as locale-formatted numbers ("1,024"). */
    private static Object[] asText(Object[] arguments) {
        return Arrays.stream(arguments).map(String::valueOf).toArray();
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        return parameter.getParameterName();
    }

    private static String path(JsonMappingException ex) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : ex.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String allowedValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> constant instanceof MemberLocale locale ? locale.tag() : ((Enum<?>) constant).name())
                .collect(Collectors.joining(", "));
    }
}
