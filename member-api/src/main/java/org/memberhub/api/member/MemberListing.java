package org.memberhub.api.member;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.memberhub.api.error.ApiException;
import org.memberhub.api.error.ProblemCodes;
import org.memberhub.kernel.member.MemberSort;
import org.springframework.http.HttpStatus;

/** Limits and sort syntax of the member list. */
final class MemberListing {

    static final int MAX_SIZE = 200;
    static final int MAX_PAGE = 10_000;

    private MemberListing() {}

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
