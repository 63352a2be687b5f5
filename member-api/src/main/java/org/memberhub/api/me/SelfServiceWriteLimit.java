package org.memberhub.api.me;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.memberhub.api.error.ApiException;
import org.memberhub.api.error.ProblemCodes;
import org.memberhub.api.security.SecurityProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Rate-limits each member's self-service writes (a token bucket per member, kept by this instance), so that a member
 * token cannot be used to hammer the write path or to try e-mail addresses one after another. A write beyond the
 * limit is refused with {@code 429 RATE_LIMITED} and {@code Retry-After} before it reaches the command bus. Reads are
 * not limited here.
 */
@Component
class SelfServiceWriteLimit implements HandlerInterceptor, WebMvcConfigurer {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final Cache<String, Bucket> buckets;
    private final Bandwidth limit;
    private final String memberClaim;

    SelfServiceWriteLimit(SelfServiceProperties properties, SecurityProperties security) {
        this.limit = Bandwidth.builder()
                .capacity(properties.writeBurst())
                .refillGreedy(1, properties.writeRefill())
                .build();
        Duration full = properties.writeRefill().multipliedBy(properties.writeBurst());
        // a member that has not written for as long as a full refill takes has a full bucket again: forget it
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(full)
                .maximumSize(1_000_000)
                .build();
        this.memberClaim = security.memberClaim();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/me", "/api/v1/me/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (READS.contains(request.getMethod())) {
            return true;
        }
        String member = member();
        if (member == null) {
            return true; // the controller refuses a token bound to no member
        }
        ConsumptionProbe probe = buckets.get(
                        member, key -> Bucket.builder().addLimit(limit).build())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return true;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, ProblemCodes.RATE_LIMITED, seconds);
    }

    private String member() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            return jwt.getClaimAsString(memberClaim);
        }
        return null;
    }
}
