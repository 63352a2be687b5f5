package org.memberhub.kernel.consistency;

import java.util.Objects;
import org.memberhub.kernel.member.MemberId;

/**
 * Names one decision of an aggregate: a query that carries it is answered only once the read model has caught up with
 * that decision. Clients see it as an opaque string and send it back unchanged.
 */
public record ConsistencyToken(MemberId memberId, long version) {

    private static final char SEPARATOR = '.';

    public ConsistencyToken {
        Objects.requireNonNull(memberId, "memberId");
        if (version < 0) {
            throw new IllegalArgumentException("negative version");
        }
    }

    /** @throws IllegalArgumentException when the text is not a token this service issued */
    public static ConsistencyToken parse(String text) {
        int separator = text == null ? -1 : text.lastIndexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("malformed consistency token");
        }
        try {
            return new ConsistencyToken(
                    MemberId.of(text.substring(0, separator)), Long.parseLong(text.substring(separator + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed consistency token", e);
        }
    }

    @Override
    public String toString() {
        return memberId.toString() + SEPARATOR + version;
    }
}
