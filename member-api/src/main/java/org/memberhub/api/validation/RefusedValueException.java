package org.memberhub.api.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;

/** A JSON value of the right shape that the API still refuses; names the field code and the message to show. */
public class RefusedValueException extends MismatchedInputException {

    private final String fieldCode;
    private final String messageKey;
    private final transient List<Object> arguments;

    RefusedValueException(
            JsonParser parser, Class<?> target, String fieldCode, String messageKey, Object... arguments) {
        super(parser, fieldCode + ": " + messageKey, target);
        this.fieldCode = fieldCode;
        this.messageKey = messageKey;
        this.arguments = List.of(arguments);
    }

    public String fieldCode() {
        return fieldCode;
    }

    public String messageKey() {
        return messageKey;
    }

    public List<Object> arguments() {
        return arguments;
    }
}
