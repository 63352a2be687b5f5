package org.memberhub.stub;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for the external member system, so that the sync can be tried without one: profile
 * {@code external-stub} serves the external member API under {@code /stub/external} (no token needed) from a few
 * demo records kept in memory, and points the sync at it. Change a record with {@code PUT} or delete it with
 * {@code DELETE /stub/external/members/{externalId}} and start a sync run to see the difference applied. The
 * application refuses to start with it in the {@code prod} profile.
 */
@RestController
@Profile("external-stub")
class ExternalMemberSystemStub {

    private final Map<String, ExternalRecord> records = new ConcurrentHashMap<>();
    private final Clock clock;

    ExternalMemberSystemStub(Clock clock, Environment environment) {
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("The external-stub profile serves unauthenticated writes and a demo member"
                    + " system; it cannot run together with the prod profile");
        }
        this.clock = clock;
        Instant start = clock.instant().minusSeconds(3_600);
        String[][] demo = {
            {"CRM-1001", "王芳", "13900001001", "wangfang@example.com", "FEMALE", "1988-03-14"},
            {"CRM-1002", "李强", "13900001002", "liqiang@example.com", "MALE", "1979-11-02"},
            {"CRM-1003", "张伟", "13900001003", null, "MALE", null},
            {"CRM-1004", "Emily Chen", "+6591234567", "emily.chen@example.com", "FEMALE", "1995-07-21"},
            {"CRM-1005", "刘洋", "13900001005", "liuyang@example.com", null, "2001-01-30"},
        };
        for (int i = 0; i < demo.length; i++) {
            String[] row = demo[i];
            records.put(
                    row[0],
                    new ExternalRecord(
                            row[0],
                            row[1],
                            row[2],
                            row[3],
                            row[4],
                            row[5] == null ? null : LocalDate.parse(row[5]),
                            null,
                            List.of("crm"),
                            start.plusSeconds(i),
                            false));
        }
    }

    /** The external member API: records after (updatedSince, afterId) in that order, {@code size} at a time. */
    @GetMapping("/stub/external/members")
    Map<String, Object> members(
            @RequestParam(required = false) Instant updatedSince,
            @RequestParam(required = false) String afterId,
            @RequestParam(defaultValue = "100") int size) {
        List<ExternalRecord> after = records.values().stream()
                .filter(record -> updatedSince == null
                        || record.updatedAt().isAfter(updatedSince)
                        || (record.updatedAt().equals(updatedSince)
                                && (afterId == null || record.externalId().compareTo(afterId) > 0)))
                .sorted(Comparator.comparing(ExternalRecord::updatedAt).thenComparing(ExternalRecord::externalId))
                .toList();
        int count = Math.max(1, Math.min(size, 1_000));
        return Map.of("items", after.subList(0, Math.min(count, after.size())), "hasMore", after.size() > count);
    }

    @PutMapping("/stub/external/members/{externalId}")
    ExternalRecord put(@PathVariable String externalId, @RequestBody Change changed) {
        ExternalRecord record = new ExternalRecord(
                externalId,
                changed.name(),
                changed.mobile(),
                changed.email(),
                changed.gender(),
                changed.birthday(),
                changed.address(),
                changed.tags(),
                clock.instant(),
                false);
        records.put(externalId, record);
        return record;
    }

    @DeleteMapping("/stub/external/members/{externalId}")
    ResponseEntity<Void> delete(@PathVariable String externalId) {
        ExternalRecord record = records.get(externalId);
        if (record == null) {
            return ResponseEntity.notFound().build();
        }
        records.put(
                externalId,
                new ExternalRecord(
                        externalId,
                        record.name(),
                        record.mobile(),
                        record.email(),
                        record.gender(),
                        record.birthday(),
                        record.address(),
                        record.tags(),
                        clock.instant(),
                        true));
        return ResponseEntity.noContent().build();
    }

    /** The stub is open: it stands for another system, which has its own security. */
    @Configuration(proxyBeanMethods = false)
    @Profile("external-stub")
    static class StubSecurity {

        @Bean
        @Order(0)
        SecurityFilterChain externalMemberSystemStubSecurity(HttpSecurity http) throws Exception {
            return http.securityMatcher("/stub/external/**")
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(AbstractHttpConfigurer::disable)
                    .build();
        }
    }

    /** A record as a client of the stub writes it: the stub stamps the update time. */
    record Change(
            String name,
            String mobile,
            String email,
            String gender,
            LocalDate birthday,
            String address,
            List<String> tags) {}

    record ExternalRecord(
            String externalId,
            String name,
            String mobile,
            String email,
            String gender,
            LocalDate birthday,
            String address,
            List<String> tags,
            Instant updatedAt,
            boolean deleted) {}
}
