package org.memberhub.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The consistency check on the embedded default, where the database has no snapshot of all tables at once: writes in
 * flight are still never counted as drift, and drift put in by hand is still found.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ApiClientConfig.class)
class EmbeddedConsistencyCheckIT {

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
        Path directory = Files.createTempDirectory("memberhub-consistency");
        registry.add("memberhub.data-dir", directory::toString);
    }

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void reportsNoDriftWhileWritesAreInFlight() throws Exception {
        ConsistencyScenarios.reportsNoDriftWhileWritesAreInFlight(api, 6);
    }

    @Test
    void findsDriftPutInByHand() {
        ConsistencyScenarios.findsInjectedDrift(api, jdbc);
    }
}
