package org.memberhub.kernel.member;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a member. New identifiers are time-ordered (UUID version 7) so that inserts into indexes keyed by member
 * id stay local instead of scattering over the whole index.
 */
public record MemberId(UUID value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public MemberId {
        Objects.requireNonNull(value, "value");
    }

    public static MemberId newId() {
        return new MemberId(uuidV7(Clock.systemUTC().millis()));
    }

    /** Parses the canonical textual form; throws {@link IllegalArgumentException} when it is not a UUID. */
    @JsonCreator
    public static MemberId of(String value) {
        if (value == null || value.length() != 36) {
            throw new IllegalArgumentException("not a UUID: " + value);
        }
        return new MemberId(UUID.fromString(value));
    }

    static UUID uuidV7(long epochMillis) {
        long msb = (epochMillis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
