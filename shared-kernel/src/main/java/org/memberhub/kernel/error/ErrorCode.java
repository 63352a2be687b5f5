package org.memberhub.kernel.error;

/**
 * Stable codes of the refusals the domain can give. Clients branch on them, so a code is never renamed; messages for
 * every code live in the API's message bundles.
 */
public enum ErrorCode {
    INVALID_PROFILE(ErrorKind.INVALID),
    MEMBER_NOT_FOUND(ErrorKind.NOT_FOUND),
    MEMBER_DELETED(ErrorKind.NOT_FOUND),
    MEMBER_ALREADY_ERASED(ErrorKind.CONFLICT),
    MEMBER_ALREADY_EXISTS(ErrorKind.CONFLICT),
    DUPLICATE_MOBILE(ErrorKind.CONFLICT),
    DUPLICATE_EMAIL(ErrorKind.CONFLICT),
    DUPLICATE_EXTERNAL_REF(ErrorKind.CONFLICT),
    MEMBER_ALREADY_FROZEN(ErrorKind.CONFLICT),
    MEMBER_NOT_FROZEN(ErrorKind.CONFLICT),
    CONCURRENT_MODIFICATION(ErrorKind.CONFLICT),
    VERSION_MISMATCH(ErrorKind.PRECONDITION_FAILED),
    READ_MODEL_LAGGING(ErrorKind.UNAVAILABLE),
    MEMBER_FROZEN(ErrorKind.CONFLICT),
    IDEMPOTENCY_CONFLICT(ErrorKind.CONFLICT),
    INVALID_AMOUNT(ErrorKind.INVALID),
    INVALID_POINTS(ErrorKind.INVALID),
    INVALID_REFERENCE(ErrorKind.INVALID),
    OCCURRED_IN_FUTURE(ErrorKind.UNPROCESSABLE),
    UNKNOWN_ORDER(ErrorKind.UNPROCESSABLE),
    REFUND_EXCEEDS_PURCHASE(ErrorKind.UNPROCESSABLE),
    INSUFFICIENT_POINTS(ErrorKind.UNPROCESSABLE),
    DEDUCTION_LIMIT_EXCEEDED(ErrorKind.UNPROCESSABLE),
    NO_BIRTHDAY(ErrorKind.UNPROCESSABLE),
    NOT_BIRTHDAY_MONTH(ErrorKind.UNPROCESSABLE),
    INVALID_LEVEL(ErrorKind.INVALID),
    INVALID_UNTIL(ErrorKind.UNPROCESSABLE),
    NO_MANUAL_LEVEL(ErrorKind.CONFLICT),
    PROJECTION_NOT_FOUND(ErrorKind.NOT_FOUND),
    REPLAY_IN_PROGRESS(ErrorKind.CONFLICT),
    REPLAY_NOT_SUPPORTED(ErrorKind.CONFLICT),
    SYNC_NOT_CONFIGURED(ErrorKind.CONFLICT),
    SYNC_ALREADY_RUNNING(ErrorKind.CONFLICT),
    SYNC_RUN_NOT_FOUND(ErrorKind.NOT_FOUND);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
