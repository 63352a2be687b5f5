package org.memberhub.api.member;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.stream.Collectors;
import org.memberhub.api.error.ApiException;
import org.memberhub.api.error.ProblemCodes;
import org.memberhub.kernel.member.MemberCursor;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberSort;
import org.springframework.http.HttpStatus;

/** Limits and sort syntax of the member list. */
final class MemberListing {

    static final int MAX_SIZE = 200;
    static final int MAX_CURSOR_LENGTH = 600;

    private MemberListing() {}

    /**
     * The text of a cursor: the sort, the join time, the id and the sort value (last, as it may hold any character),
     * one per line, Base64url-encoded. Clients treat it as opaque.
     */
    static String cursorText(MemberCursor cursor) {
        String plain = jsonName(cursor.sort().field()) + "," + (cursor.sort().ascending() ? "asc" : "desc") + "\n"
                + cursor.joinedAt() + "\n" + cursor.id() + "\n" + cursor.value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor given back by a client; it must be one of this sort order. */
    static MemberCursor cursor(String text, MemberSort sort) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", 4);
            if (parts.length != 4 || !sort(parts[0]).equals(sort)) {
                throw invalidCursor();
            }
            MemberCursor cursor = new MemberCursor(sort, parts[3], Instant.parse(parts[1]), MemberId.of(parts[2]));
            if (sort.field() == MemberSort.Field.LEVEL) {
                Short.parseShort(cursor.value());
            } else if (sort.field() == MemberSort.Field.JOINED_AT || sort.field() == MemberSort.Field.UPDATED_AT) {
                Instant.parse(cursor.value());
            }
            return cursor;
        } catch (IllegalArgumentException | DateTimeParseException | ApiException e) {
            throw invalidCursor();
        }
    }

    private static ApiException invalidCursor() {
        return new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_CURSOR);
    }

    /** Parses {@code field[,asc|,desc]}, the field in camelCase as in the JSON; ascending when no direction is given. */
    static MemberSort sort(String sort) {
        String[] parts = sort.split(",", -1);
        String field = parts[0].trim();
        MemberSort.Field sortField = Arrays.stream(MemberSort.Field.values())
                .filter(candidate -> jsonName(candidate).equals(field))
                .findFirst()
                .orElseThrow(() -> invalid(field));
        if (parts.length == 1) {
            return new MemberSort(sortField, true);
        }
        String direction = parts[1].trim().toLowerCase(Locale.ROOT);
        if (parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw invalid(sort);
        }
        return new MemberSort(sortField, direction.equals("asc"));
    }

    private static ApiException invalid(String sort) {
        String fields = Arrays.stream(MemberSort.Field.values())
                .map(MemberListing::jsonName)
                .collect(Collectors.joining(", "));
        return new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_SORT, sort, fields);
    }

    private static String jsonName(MemberSort.Field field) {
        String[] words = field.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }
}
