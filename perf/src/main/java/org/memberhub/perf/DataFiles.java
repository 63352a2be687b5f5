package org.memberhub.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files the JMeter plans read (their {@code dataDir} property): member ids, mobiles, member tokens, the list
 * queries and the mixed plan's actions, and a properties file with the staff tokens.
 */
final class DataFiles {

    /** Weights of the mixed plan's actions, in percent of iterations (sorted, so every run shuffles them alike). */
    static final Map<String, Integer> MIXED_ACTIONS = Collections.unmodifiableSortedMap(new TreeMap<>(Map.ofEntries(
            Map.entry("detail", 25),
            Map.entry("list", 15),
            Map.entry("update", 5),
            Map.entry("freeze", 2),
            Map.entry("purchase", 10),
            Map.entry("refund", 3),
            Map.entry("points", 10),
            Map.entry("ledger", 5),
            Map.entry("level", 5),
            Map.entry("me", 15),
            Map.entry("check-in", 5))));

    /** Every file a plan may read from its data directory (reports.tsv is written by the reports scenario). */
    static final Set<String> PLAN_FILES = Set.of(
            "readable.csv",
            "active.csv",
            "freeze.csv",
            "mobiles.csv",
            "member-tokens.csv",
            "list-queries.tsv",
            "mixed-actions.csv",
            "reports.tsv");

    private DataFiles() {}

    static void write(Path dir, DataSet data, List<String[]> memberTokens, Map<String, String> tokens)
            throws IOException {
        Files.createDirectories(dir);
        lines(dir.resolve("readable.csv"), data.readable());
        lines(dir.resolve("active.csv"), data.active());
        lines(dir.resolve("freeze.csv"), data.freezePool().isEmpty() ? data.active() : data.freezePool());
        lines(dir.resolve("mobiles.csv"), data.activeMobiles());
        lines(
                dir.resolve("member-tokens.csv"),
                memberTokens.stream().map(pair -> pair[0] + "," + pair[1]).toList());
        lines(dir.resolve("list-queries.tsv"), listQueries(data, new Random(11)));
        lines(dir.resolve("mixed-actions.csv"), mixedActions(new Random(13)));
        List<String> properties = new ArrayList<>();
        tokens.forEach((name, token) -> properties.add(name + "=" + token));
        lines(dir.resolve("tokens.properties"), properties);
    }

    static void lines(Path file, List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            throw new IllegalStateException("nothing to write into " + file + ": the data set is too small");
        }
        Files.write(file, lines);
    }

    /**
     * How many actions the mixed plan's file holds: a prime. JMeter moves every CSV file of a plan one line on per
     * iteration, together, so the action of an iteration and the member it takes (from {@code member-tokens.csv},
     * {@code active.csv}...) always come as the same pairs when one file's length divides the other's. With 1 000
     * actions and 1 000 member tokens, the same 50 members got every check-in: 21 a minute each in a soak, more than a
     * member's self-service write limit lets through (a burst of 20, then one every 3 s), and after 17 minutes every
     * further check-in of theirs was refused with 429. A prime length pairs each member with every action in turn.
     */
    static final int MIXED_ACTION_COUNT = 10_007;

    /** {@link #MIXED_ACTION_COUNT} actions shuffled, in the proportions of {@link #MIXED_ACTIONS}. */
    static List<String> mixedActions(Random random) {
        List<String> actions = new ArrayList<>();
        MIXED_ACTIONS.forEach((action, weight) -> {
            for (int i = 0; i < weight * 100; i++) {
                actions.add(action);
            }
        });
        List<String> weighted = List.copyOf(actions); // each action as often as its weight: the last few drawn from it
        while (actions.size() < MIXED_ACTION_COUNT) {
            actions.add(weighted.get(random.nextInt(weighted.size())));
        }
        Collections.shuffle(actions, random);
        return actions;
    }

    /**
     * 1 000 member-list queries (kind TAB query string): first pages, text search by name or mobile, level, status,
     * tag, join range, sorting, deep pages and combinations.
     */
    /** The deepest a page by number may start, the API's {@code Paging.MAX_OFFSET}. */
    static final int MAX_OFFSET = 10_000;

    static List<String> listQueries(DataSet data, Random random) {
        // a page by number may skip at most 10 000 rows (the API's Paging.MAX_OFFSET; deeper takes the cursor)
        int pages = Math.max(1, Math.min(MAX_OFFSET / 20, data.readable().size() / 20));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String[] sorts = {"name,asc", "level,desc", "updatedAt,desc", "mobile,asc", "joinedAt,asc", "status,asc"};
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int draw = random.nextInt(100);
            String query;
            String kind;
            if (draw < 15) {
                kind = "page";
                query = "page=" + random.nextInt(Math.min(5, pages)) + "&size=20";
            } else if (draw < 25) {
                kind = "name";
                query = "q=" + Api.encode(Population.SURNAMES[random.nextInt(Population.SURNAMES.length)]) + "&size=20";
            } else if (draw < 30) {
                kind = "mobile";
                query = "q="
                        + Population.mobile(random.nextInt(Math.max(1, data.members())))
                                .substring(0, 8) + "&size=20";
            } else if (draw < 40) {
                kind = "level";
                query = "level=" + (1 + random.nextInt(5)) + "&size=20";
            } else if (draw < 45) {
                kind = "status";
                query = "status=" + (random.nextInt(3) == 0 ? "ACTIVE" : "FROZEN") + "&size=20";
            } else if (draw < 55) {
                kind = "tag";
                query = "tag=" + Population.TAGS[random.nextInt(Population.TAGS.length)] + "&size=20";
            } else if (draw < 60) {
                kind = "joined";
                query = "joinedFrom=" + today.minusDays(30) + "&joinedTo=" + today + "&size=50";
            } else if (draw < 70) {
                kind = "sort";
                query = "sort=" + sorts[random.nextInt(sorts.length)] + "&page=" + random.nextInt(Math.min(3, pages))
                        + "&size=20";
            } else if (draw < 80) {
                kind = "deep";
                query = "page=" + (pages / 2 + random.nextInt(Math.max(1, pages - pages / 2))) + "&size=20";
            } else {
                kind = "combined";
                query = "level=" + (2 + random.nextInt(4)) + "&status=ACTIVE&tag="
                        + Population.TAGS[random.nextInt(Population.TAGS.length)] + "&sort="
                        + sorts[random.nextInt(sorts.length)] + "&size=" + (random.nextBoolean() ? 20 : 100);
            }
            queries.add(kind + "\t" + query);
        }
        return queries;
    }
}
