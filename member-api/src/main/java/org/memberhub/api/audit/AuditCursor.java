package org.memberhub.api.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.memberhub.api.error.ApiException;
import org.memberhub.api.error.ProblemCodes;
import org.springframework.http.HttpStatus;

/** The audit log's cursor: the global index of a page's last entry, Base64url-encoded; clients treat it as opaque. */
final class AuditCursor {

    static final int MAX_LENGTH = 40;
    private static final String PREFIX = "audit:";

    private AuditCursor() {}

    static String text(long globalIndex) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + globalIndex).getBytes(StandardCharsets.UTF_8));
    }

    /** The global index the next page goes on from; 400 {@code INVALID_CURSOR} for anything not made by {@link #text}. */
    static long globalIndex(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            if (plain.startsWith(PREFIX)) {
                long globalIndex = Long.parseLong(plain.substring(PREFIX.length()));
                if (globalIndex >= 0) {
                    return globalIndex;
                }
            }
        } catch (IllegalArgumentException e) {
            // not Base64, or not a number: refused below
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_CURSOR);
    }
}
