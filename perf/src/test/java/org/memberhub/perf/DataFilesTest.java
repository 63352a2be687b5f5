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
}
