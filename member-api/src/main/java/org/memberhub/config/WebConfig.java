package org.memberhub.config;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.memberhub.api.error.ProblemErrorReportValve;
import org.memberhub.api.error.Problems;
import org.memberhub.api.validation.StrictInputModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@Configuration(proxyBeanMethods = false)
class WebConfig {

    static final List<Locale> SUPPORTED_LOCALES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    /**
     * Answers in the first of Chinese or English that {@code Accept-Language} asks for (any Chinese variant gets
     * Simplified Chinese); English when it asks for neither.
     */
    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                if (request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) != null) {
                    for (Locale requested : Collections.list(request.getLocales())) {
                        for (Locale supported : SUPPORTED_LOCALES) {
                            if (supported.getLanguage().equals(requested.getLanguage())) {
                                return supported;
                            }
                        }
                    }
                }
                return Locale.ENGLISH;
            }
        };
        resolver.setSupportedLocales(SUPPORTED_LOCALES);
        resolver.setDefaultLocale(Locale.ENGLISH);
        return resolver;
    }

    @Bean
    WebMvcRegistrations apiHandlerMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new ApiHandlerMapping();
            }
        };
    }

    /**
     * Spring's handler mapping with two changes:
     * <ul>
     *   <li>Every endpoint of ours answers JSON unless its mapping says otherwise (the CSV exports). Declaring that on
     *       the mapping lets Spring refuse an {@code Accept} it cannot satisfy (406) while choosing the handler, so a
     *       command is never sent when its answer could not be written.
     *   <li>A mapping whose path does not match is passed over before its method, header, consumes and produces
     *       conditions are evaluated. Almost every path of ours has a variable, so each request is compared with every
     *       mapping, twice (Spring Security asks the handler mappings too); Spring's order put the costly conditions
     *       first. The answers are the same: the 404, 405, 406 and 415 of a request that matches no mapping are
     *       worked out separately from every mapping.
     * </ul>
     */
    static final class ApiHandlerMapping extends RequestMappingHandlerMapping {

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            PathPatternsRequestCondition paths = info.getPathPatternsCondition();
            if (paths != null && paths.getMatchingCondition(request) == null) {
                return null;
            }
            return super.getMatchingMapping(info, request);
        }

        @Override
        protected RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
            RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
            if (info == null
                    || !info.getProducesCondition().isEmpty()
                    || !handlerType.getPackageName().startsWith("org.memberhub.")) {
                return info;
            }
            return info.mutate().produces(MediaType.APPLICATION_JSON_VALUE).build();
        }
    }

    /**
     * Tomcat reports what it refuses itself (malformed paths, over-long request lines and headers) through the
     * host's error report valve; ours writes Problem Details. Runs after Spring Boot's customizer, whose plain
     * valve it replaces.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ObjectProvider<Problems> problems) {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            pipeline.addValve(new ProblemErrorReportValve(problems::getObject));
        });
    }

    /** Bean Validation's notion of "today" (birthdays) follows the application clock and business time zone. */
    @Bean
    ValidationConfigurationCustomizer validationClock(Clock clock) {
        return configuration -> configuration.clockProvider(() -> clock);
    }

    /** Text PostgreSQL can store, dates as ISO text in years 1 to 9999: see {@link StrictInputModule}. */
    @Bean
    StrictInputModule strictInput() {
        return new StrictInputModule();
    }

    /**
     * Request bodies must have the types the API documents: a number where text is expected (or text where a number
     * or a boolean is) is an error, not something to guess at.
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictScalarTypes() {
        return builder -> builder.postConfigurer(mapper -> {
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            for (LogicalType numeric : List.of(LogicalType.Integer, LogicalType.Float)) {
                mapper.coercionConfigFor(numeric)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            }
            mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Boolean)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        });
    }
}
