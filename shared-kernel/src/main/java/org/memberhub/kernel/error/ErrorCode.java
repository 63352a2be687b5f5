package org.memberhub.kernel.error;

/**
 * Stable codes of the refusals the service can give. Clients branch on them, so a code is never renamed; messages for
 * every code live in the API's message bundles.
 *
 * <p>Most are domain refusals, decided by the rules of the loyalty programme. The operational ones at the end come
 * from the machinery around them (concurrency, read-your-writes, instance roles, projection administration, sync,
 * reports); they are listed here too, rather than with the features that raise them, because the API maps every code
 * to its status, message and API document through this one type and cannot see the modules that raise most of them.
 */
public enum ErrorCode {
    // members
    INVALID_PROFILE(ErrorKind.INVALID),
    MEMBER_NOT_FOUND(ErrorKind.NOT_FOUND),
    MEMBER_DELETED(ErrorKind.NOT_FOUND),
    MEMBER_ALREADY_ERASED(ErrorKind.CONFLICT),
    DUPLICATE_MOBILE(ErrorKind.CONFLICT, true),
    DUPLICATE_EMAIL(ErrorKind.CONFLICT, true),
    DUPLICATE_EXTERNAL_REF(ErrorKind.CONFLICT),
    MEMBER_ALREADY_FROZEN(ErrorKind.CONFLICT),
    MEMBER_NOT_FROZEN(ErrorKind.CONFLICT),
    MEMBER_FROZEN(ErrorKind.CONFLICT),

    // points
    IDEMPOTENCY_CONFLICT(ErrorKind.CONFLICT),
    INVALID_AMOUNT(ErrorKind.INVALID),
    INVALID_POINTS(ErrorKind.INVALID),
    INVALID_REFERENCE(ErrorKind.INVALID),
    OCCURRED_IN_FUTURE(ErrorKind.UNPROCESSABLE),
    UNKNOWN_ORDER(ErrorKind.UNPROCESSABLE),
    REFUND_EXCEEDS_PURCHASE(ErrorKind.UNPROCESSABLE),
    ORDER_FULLY_REFUNDED(ErrorKind.UNPROCESSABLE),
    ORDER_COMPLETED(ErrorKind.CONFLICT),
    INSUFFICIENT_POINTS(ErrorKind.UNPROCESSABLE),
    DEDUCTION_LIMIT_EXCEEDED(ErrorKind.UNPROCESSABLE),
    NO_BIRTHDAY(ErrorKind.UNPROCESSABLE),
    NOT_BIRTHDAY_MONTH(ErrorKind.UNPROCESSABLE),
    UNKNOWN_PRODUCT(ErrorKind.UNPROCESSABLE),

    // levels
    INVALID_LEVEL(ErrorKind.INVALID),
    INVALID_UNTIL(ErrorKind.UNPROCESSABLE),
    NO_MANUAL_LEVEL(ErrorKind.CONFLICT),

    // benefits
    INVALID_BENEFIT(ErrorKind.INVALID),
    BENEFIT_NOT_FOUND(ErrorKind.NOT_FOUND),
    BENEFIT_ALREADY_EXISTS(ErrorKind.CONFLICT),
    BENEFIT_RETIRED(ErrorKind.CONFLICT),
    BENEFIT_NOT_GRANTED(ErrorKind.UNPROCESSABLE),
    BENEFIT_QUOTA_EXHAUSTED(ErrorKind.UNPROCESSABLE),
    BENEFIT_NOT_FOR_SALE(ErrorKind.UNPROCESSABLE),

    // activities
    INVALID_ACTIVITY(ErrorKind.INVALID),
    ACTIVITY_NOT_FOUND(ErrorKind.NOT_FOUND),
    ACTIVITY_NOT_OPEN(ErrorKind.CONFLICT),
    ACTIVITY_ALREADY_OPEN(ErrorKind.CONFLICT),
    ACTIVITY_CLOSED(ErrorKind.CONFLICT),
    ACTIVITY_OUTSIDE_WINDOW(ErrorKind.UNPROCESSABLE),
    ACTIVITY_FULL(ErrorKind.CONFLICT),
    ACTIVITY_LEVEL_NOT_ELIGIBLE(ErrorKind.UNPROCESSABLE),
    CAPACITY_BELOW_PARTICIPANTS(ErrorKind.UNPROCESSABLE),

    // operational: concurrent writers (the command gateway's retries, If-Match)
    CONCURRENT_MODIFICATION(ErrorKind.CONFLICT),
    VERSION_MISMATCH(ErrorKind.PRECONDITION_FAILED),

    // operational: read-your-writes (member-query's consistency tokens)
    READ_MODEL_LAGGING(ErrorKind.UNAVAILABLE),
    CONSISTENCY_TOKEN_OTHER_MEMBER(ErrorKind.INVALID),
    CONSISTENCY_TOKEN_AHEAD(ErrorKind.INVALID),

    // operational: an instance without the command role (the application's instance roles)
    COMMANDS_NOT_HANDLED_HERE(ErrorKind.UNAVAILABLE),

    // operational: projection administration (member-query)
    PROJECTION_NOT_FOUND(ErrorKind.NOT_FOUND),
    REPLAY_IN_PROGRESS(ErrorKind.CONFLICT),
    REPLAY_NOT_SUPPORTED(ErrorKind.CONFLICT),

    // operational: external member sync (member-sync)
    SYNC_NOT_CONFIGURED(ErrorKind.CONFLICT),
    SYNC_ALREADY_RUNNING(ErrorKind.CONFLICT),
    SYNC_RUN_NOT_FOUND(ErrorKind.NOT_FOUND),

    // operational: reports (member-query)
    REPORT_NOT_FOUND(ErrorKind.NOT_FOUND),
    INVALID_REPORT_RANGE(ErrorKind.INVALID);

    private final ErrorKind kind;
    private final boolean personalArguments;

    ErrorCode(ErrorKind kind) {
        this(kind, false);
    }

    ErrorCode(ErrorKind kind, boolean personalArguments) {
        this.kind = kind;
        this.personalArguments = personalArguments;
    }

    public ErrorKind kind() {
        return kind;
    }

    /**
     * Whether the refusal's arguments are a member's personal data (a mobile number, an e-mail address): they may be
     * shown to the caller who sent them, but never logged or stored with the refusal.
     */
    public boolean hasPersonalArguments() {
        return personalArguments;
    }
}
