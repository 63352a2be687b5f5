package org.memberhub.api.web;

import org.memberhub.api.error.ApiException;
import org.memberhub.api.error.ProblemCodes;
import org.springframework.http.HttpStatus;

/**
 * Paging by number ({@code OFFSET}) is for the first pages only: the database reads and throws away every row it
 * skips, so a deep page costs as much as all pages before it. Deeper, lists page by cursor (keyset paging).
 */
public final class Paging {

    /** The most rows a page by number may skip ({@code page × size}). */
    public static final int MAX_OFFSET = 10_000;

    private Paging() {}

    /** Refuses a page by number that would skip more than {@link #MAX_OFFSET} rows: 400 {@code PAGE_TOO_DEEP}. */
    public static void requireShallow(int page, int size) {
        if ((long) page * size > MAX_OFFSET) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.PAGE_TOO_DEEP, MAX_OFFSET);
        }
    }
}
