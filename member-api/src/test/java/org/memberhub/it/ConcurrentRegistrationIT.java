package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Registrations racing for one mobile number or e-mail address: the database lets exactly one win, every other gets
 * 409, and no event of a loser is stored.
 */
@PostgresIT
class ConcurrentRegistrationIT {

    private static final int RACERS = 8;
    private static final int ROUNDS = 10;

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void exactlyOneOfConcurrentRegistrationsWithTheSameMobileWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String mobile = mobile();
            long before = head();
            List<Response> responses = race(racer -> member("Racer " + racer, mobile, null));

            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(responses).filteredOn(r -> r.status() != 201).allSatisfy(r -> {
                assertThat(r.status()).as(r.toString()).isEqualTo(409);
                assertThat(r.json().get("code").asText()).isEqualTo("DUPLICATE_MOBILE");
            });
            assertThat(registrationsAfter(before)).isEqualTo(1);
        }
    }

    @Test
    void exactlyOneOfConcurrentRegistrationsWithTheSameEmailWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String email = marker() + "@example.com";
            long before = head();
            List<Response> responses = race(racer -> member("Racer " + racer, mobile(), email));

            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(responses)
                    .filteredOn(r -> r.status() != 201)
                    .allSatisfy(r -> assertThat(r.json().get("code").asText()).isEqualTo("DUPLICATE_EMAIL"));
            assertThat(registrationsAfter(before)).isEqualTo(1);
        }
    }

    private List<Response> race(IntFunction<String> body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (int racer = 0; racer < RACERS; racer++) {
            String json = body.apply(racer);
            futures.add(pool.submit(() -> {
                start.await();
                return api.post("/api/v1/members", json);
            }));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : futures) {
            responses.add(future.get());
        }
        return responses;
    }

    /** Registration events in the event store whose payload holds the given JSON fragment. */
    /** Registrations appended after the given global index (profiles are stored encrypted, so they are counted). */
    private int registrationsAfter(long globalIndex) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%MemberRegisteredEvent'"
                        + " AND global_index > ?",
                Integer.class, globalIndex);
    }

    private long head() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }
}
