package org.memberhub.it;

import java.time.Instant;
import java.time.ZoneId;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock replaced by a {@link MutableClock} the test moves, starting at {@link #START} in the
 * programme's time zone. Import it into a test's own context ({@code @Import} with {@code @DirtiesContext}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class ControlledTime {

    /** 10:00 in Shanghai on Monday 2 March 2026. */
    public static final Instant START = Instant.parse("2026-03-02T02:00:00Z");

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(START, ZoneId.of("Asia/Shanghai"));
    }
}
