package org.memberhub.kernel.error;

/** What kind of refusal an error is; the API turns each kind into one HTTP status. */
public enum ErrorKind {
    INVALID,
    NOT_FOUND,
    CONFLICT,
    PRECONDITION_FAILED,
    UNPROCESSABLE,
    UNAVAILABLE
}
