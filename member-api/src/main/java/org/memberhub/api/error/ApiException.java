package org.memberhub.api.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A refusal decided by the API layer itself (as opposed to the domain), with a stable code. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient List<Object> arguments;

    public ApiException(HttpStatus status, String code, Object... arguments) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.arguments = List.of(arguments);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Object> arguments() {
        return arguments;
    }
}
