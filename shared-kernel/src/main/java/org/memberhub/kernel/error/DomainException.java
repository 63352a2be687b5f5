package org.memberhub.kernel.error;

import java.util.Arrays;
import java.util.List;

/**
 * A refusal decided by the domain: a stable {@link ErrorCode} plus the arguments its message needs. These are expected
 * outcomes, not bugs, so they carry no stack trace.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final transient List<Object> arguments;

    public DomainException(ErrorCode code, Object... arguments) {
        super(code + Arrays.toString(arguments), null, false, false);
        this.code = code;
        this.arguments = List.of(arguments);
    }

    public ErrorCode code() {
        return code;
    }

    public List<Object> arguments() {
        return arguments;
    }
}
