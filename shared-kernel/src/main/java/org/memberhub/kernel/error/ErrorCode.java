package org.memberhub.kernel.error;

/**
 * Stable codes of the refusals the domain can give. Clients branch on them, so a code is never renamed; messages for
 * every code live in the API's message bundles.
 */
public enum ErrorCode {
    INVALID_PROFILE(ErrorKind.INVALID),
    MEMBER_NOT_FOUND(ErrorKind.NOT_FOUND),
    MEMBER_DELETED(ErrorKind.NOT_FOUND),
    MEMBER_ALREADY_EXISTS(ErrorKind.CONFLICT),
    DUPLICATE_MOBILE(ErrorKind.CONFLICT),
    DUPLICATE_EMAIL(ErrorKind.CONFLICT),
    DUPLICATE_EXTERNAL_REF(ErrorKind.CONFLICT),
    MEMBER_ALREADY_FROZEN(ErrorKind.CONFLICT),
    MEMBER_NOT_FROZEN(ErrorKind.CONFLICT),
    CONCURRENT_MODIFICATION(ErrorKind.CONFLICT),
    VERSION_MISMATCH(ErrorKind.PRECONDITION_FAILED),
    READ_MODEL_LAGGING(ErrorKind.UNAVAILABLE);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
