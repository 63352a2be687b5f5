package org.memberhub.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request ids. Every HTTP request has one: the caller's {@code X-Request-Id} when it is a plausible id (nginx passes
 * the client's or makes its own), otherwise a new one. It is in the logging context while the request runs (MDC key
 * {@code requestId}: a field of every log line in the {@code json-logs} profile's ECS JSON), in the response's
 * {@code X-Request-Id}, and in the metadata of the commands the request sends and of the events they cause
 * ({@code requestId}), so that an HTTP exchange, its log lines and its events can be matched.
 */
@Configuration(proxyBeanMethods = false)
class RequestIdConfig {

    static final String HEADER = "X-Request-Id";

    /** MDC and metadata key. */
    static final String KEY = "requestId";

    private static final int MAX_LENGTH = 128;
    private static final HexFormat HEX = HexFormat.of();

    /** First of all filters, so that every log line of the request, security's included, carries the id. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Stamps commands sent while a request runs (on its thread) with its id. */
    @Bean
    MessageDispatchInterceptor<CommandMessage<?>> requestIdCommandInterceptor() {
        return messages -> (index, message) -> {
            String requestId = MDC.get(KEY);
            return requestId == null || message.getMetaData().containsKey(KEY)
                    ? message
                    : message.andMetaData(Map.of(KEY, requestId));
        };
    }

    /** Carries the id from a command to the events it causes. */
    @Bean
    CorrelationDataProvider requestIdCorrelationProvider() {
        return new SimpleCorrelationDataProvider(KEY);
    }

    /** Letters, digits and {@code ._:-}, at most 128: what nginx passes on, and nothing that could forge a log line. */
    static boolean plausible(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** 32 hexadecimal digits, like nginx's {@code $request_id} (a correlation id, not a secret). */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }

    static final class RequestIdFilter extends OncePerRequestFilter {

        private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String given = request.getHeader(HEADER);
            String requestId = plausible(given) ? given : newId();
            MDC.put(KEY, requestId);
            response.setHeader(HEADER, requestId);
            long started = log.isDebugEnabled() ? System.nanoTime() : 0;
            try {
                chain.doFilter(request, response);
            } finally {
                if (log.isDebugEnabled()) {
                    // the path only: a query string may hold personal data (a member search)
                    log.debug(
                            "{} {} answered {} in {} ms",
                            request.getMethod(),
                            request.getRequestURI(),
                            response.getStatus(),
                            (System.nanoTime() - started) / 1_000_000);
                }
                MDC.remove(KEY);
            }
        }
    }
}
