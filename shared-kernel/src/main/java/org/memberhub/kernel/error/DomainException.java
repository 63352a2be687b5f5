package org.memberhub.kernel.error;

import java.util.Arrays;
import java.util.List;

/**
 * A refusal decided by the domain: a stable {@link ErrorCode} plus the arguments its message needs. These are expected
 * outcomes, not bugs, so they carry no stack trace.
 *
 * <p>The exception's message is what logs, dead-letter headers and error tables see: the code and the arguments, with
 * control characters escaped, and without the arguments at all when they are personal data
 * ({@link ErrorCode#hasPersonalArguments()}). The arguments themselves go only to the caller's answer.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final transient List<Object> arguments;

    public DomainException(ErrorCode code, Object... arguments) {
        super(message(code, arguments), null, false, false);
        this.code = code;
        this.arguments = List.of(arguments);
    }

    private static String message(ErrorCode code, Object[] arguments) {
        if (code.hasPersonalArguments() || arguments.length == 0) {
            return code.name();
        }
        return code + LogSafe.text(Arrays.toString(arguments));
    }

    public ErrorCode code() {
        return code;
    }

    public List<Object> arguments() {
        return arguments;
    }
}
