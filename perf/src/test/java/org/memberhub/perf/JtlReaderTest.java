package org.memberhub.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JtlReaderTest {

    private static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,"
            + "success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n";

    @TempDir
    Path dir;

    @Test
    void readsQuotedFieldsWithCommasAndLineBreaks() throws Exception {
        Path jtl = dir.resolve("results.jtl");
        Files.writeString(
                jtl,
                HEADER
                        + "1000,12,list page,200,,users 1-1,text,true,,385,1139,4,4,\"http://h/api?sort=name,asc\",11,0,0\n"
                        + "990,30,create member,500,,users 1-2,text,false,\"Test failed: code, line one\nline two\",10,"
                        + "20,4,4,http://h/api,29,0,1\n");
        List<JtlReader.Sample> samples = new ArrayList<>();

        JtlReader.forEach(jtl, samples::add);

        assertThat(samples)
                .containsExactly(
                        new JtlReader.Sample(1000, 12, "list page", "200", true),
                        new JtlReader.Sample(990, 30, "create member", "500", false));
        assertThat(JtlReader.firstStart(jtl)).isEqualTo(990);
    }

    @Test
    void countsExpectedRefusalsApartFromErrors() {
        SampleStats stats = new SampleStats(Set.of("409"));
        for (int millis = 1; millis <= 100; millis++) {
            stats.add(new JtlReader.Sample(1000 + millis, millis, "x", "200", true));
        }
        stats.add(new JtlReader.Sample(1000, 5, "x", "409", true));
        stats.add(new JtlReader.Sample(1000, 5, "x", "503", false));
        stats.add(new JtlReader.Sample(1000, 5, "x", "503", false));

        HttpFigures figures = stats.figures(10.0);

        assertThat(figures.samples()).isEqualTo(103);
        assertThat(figures.conflicts()).isEqualTo(1);
        assertThat(figures.errors()).isEqualTo(2);
        assertThat(figures.errorCodes()).containsEntry("503", 2L);
        assertThat(figures.throughput()).isEqualTo(10.3);
        assertThat(figures.p50()).isEqualTo(49);
        assertThat(figures.p99()).isEqualTo(99);
        assertThat(figures.max()).isEqualTo(100);
    }
}
