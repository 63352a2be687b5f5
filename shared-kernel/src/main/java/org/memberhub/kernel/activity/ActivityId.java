package org.memberhub.kernel.activity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

public record ActivityId(UUID value) {

    public ActivityId {
        Objects.requireNonNull(value, "value");
    }

    public static ActivityId newId() {
        return new ActivityId(UUID.randomUUID());
    }

    /** Parses the canonical textual form; throws {@link IllegalArgumentException} when it is not a UUID. */
    @JsonCreator
    public static ActivityId of(String value) {
        if (value == null || value.length() != 36) {
            throw new IllegalArgumentException("not a UUID: " + value);
        }
        return new ActivityId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
