package org.memberhub.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DataFilesTest {

    private static final Pattern PAGE = Pattern.compile("(?:^|&)page=(\\d+)");
    private static final Pattern SIZE = Pattern.compile("(?:^|&)size=(\\d+)");

    /** The API refuses pages by number that skip more than 10 000 rows (400); the mix must not count those. */
    @Test
    void noListQuerySkipsMoreRowsThanThePagesByNumberMayOnTheFullDataSet() {
        List<String> ids = Collections.nCopies(98_000, "m");
        DataSet full = new DataSet(100_000, ids, ids, List.of(), List.of(), 3_000, 2_000, 40_000, Map.of(1, 40_000));

        List<String> queries = DataFiles.listQueries(full, new Random(11));

        assertThat(queries).hasSize(1000);
        assertThat(queries).anyMatch(line -> line.startsWith("deep\t"));
        for (String line : queries) {
            String query = line.substring(line.indexOf('\t') + 1);
            Matcher page = PAGE.matcher(query);
            Matcher size = SIZE.matcher(query);
            if (page.find() && size.find()) {
                assertThat((long) Integer.parseInt(page.group(1)) * Integer.parseInt(size.group(1)))
                        .as(line)
                        .isLessThanOrEqualTo(DataFiles.MAX_OFFSET);
            }
        }
        assertThat(queries.stream().filter(line -> line.startsWith("deep\t")))
                .anyMatch(line -> Integer.parseInt(line.replaceAll(".*page=(\\d+).*", "$1")) >= 250);
    }

    /**
     * JMeter moves the mixed plan's files on together, one line per iteration: each member token must still meet every
     * action in its proportion, not the same few actions every time (the soak's check-ins once all went to 50 members).
     */
    @Test
    void everyMemberOfTheMixedPlanMeetsEachActionInItsProportion() {
        List<String> actions = DataFiles.mixedActions(new Random(13));
        assertThat(actions).hasSize(DataFiles.MIXED_ACTION_COUNT);
        DataFiles.MIXED_ACTIONS.forEach((action, weight) -> assertThat(
                        actions.stream().filter(action::equals).count())
                .as(action)
                .isBetween((long) weight * 100, (long) weight * 100 + 7));

        for (int members : new int[] {1_000, 300, 97}) {
            int[] checkIns = new int[members];
            long iterations = (long) actions.size() * members; // every pairing once
            for (long i = 0; i < iterations; i++) {
                if (actions.get((int) (i % actions.size())).equals("check-in")) {
                    checkIns[(int) (i % members)]++;
                }
            }
            long share = DataFiles.MIXED_ACTIONS.get("check-in") * 100L; // of each member's 10 007 turns
            for (int member = 0; member < members; member++) {
                assertThat(checkIns[member])
                        .as("member " + member + " of " + members)
                        .isBetween((int) share, (int) share + 7);
            }
        }
    }
}
