package org.memberhub.query.support;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Lists of levels as read models keep them: {@code "2,3,4"}. */
public final class Levels {

    private Levels() {}

    public static String format(List<Integer> levels) {
        return levels.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    public static List<Integer> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(Integer::valueOf).toList();
    }
}
