package org.memberhub.api.error;

/** Stable codes of refusals decided by the API layer; domain refusals use their own ErrorCode names. */
public final class ProblemCodes {

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String MISSING_BODY = "MISSING_BODY";
    public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
    public static final String INVALID_FIELD_VALUE = "INVALID_FIELD_VALUE";
    public static final String INVALID_PARAMETER = "INVALID_PARAMETER";
    public static final String INVALID_FILTER = "INVALID_FILTER";
    public static final String INVALID_SORT = "INVALID_SORT";
    public static final String INVALID_CURSOR = "INVALID_CURSOR";
    public static final String PAGE_TOO_DEEP = "PAGE_TOO_DEEP";
    public static final String INVALID_CONSISTENCY_TOKEN = "INVALID_CONSISTENCY_TOKEN";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String URI_TOO_LONG = "URI_TOO_LONG";
    public static final String HEADERS_TOO_LARGE = "HEADERS_TOO_LARGE";
    public static final String REQUEST_REJECTED = "REQUEST_REJECTED";
    public static final String BAD_REQUEST = "BAD_REQUEST";
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    public static final String EMAIL_UNAVAILABLE = "EMAIL_UNAVAILABLE";
    public static final String RATE_LIMITED = "RATE_LIMITED";

    private ProblemCodes() {}
}
