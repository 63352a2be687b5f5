package org.memberhub.api.web;

import org.memberhub.api.error.ApiException;
import org.memberhub.api.error.ProblemCodes;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Read-your-writes over HTTP: a command's response carries {@value #HEADER}; a query that sends it back waits until
 * the read model reflects that command. Every response about one member also carries its version as a strong ETag.
 */
public final class Consistency {

    public static final String HEADER = "X-Consistency-Token";

    /** Stands for a version that no member has, so that an unintelligible If-Match never matches. */
    private static final long UNMATCHABLE_VERSION = -1;

    private Consistency() {}

    /** @return the token, or null when the header was not sent */
    public static ConsistencyToken parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return ConsistencyToken.parse(header.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_CONSISTENCY_TOKEN);
        }
    }

    /** Headers of a response that reports a decision: the new ETag and the token to read it back. */
    public static HttpHeaders decisionHeaders(ConsistencyToken decision) {
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag(decision.version()));
        headers.set(HEADER, decision.toString());
        return headers;
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header demands: null when it demands none (absent or {@code *}); a version no
     * member has when it names something other than one strong or weak version ETag, since such a header can never
     * match (RFC 9110 §13.1.1).
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() < 3 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
            return UNMATCHABLE_VERSION;
        }
        try {
            long version = Long.parseLong(tag.substring(1, tag.length() - 1));
            return version < 0 ? UNMATCHABLE_VERSION : version;
        } catch (NumberFormatException e) {
            return UNMATCHABLE_VERSION;
        }
    }
}
