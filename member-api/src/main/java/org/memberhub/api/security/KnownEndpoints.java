package org.memberhub.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The application's endpoints, read once from every request-mapping handler mapping (the controllers' and the
 * actuator's): whether a request is for one of them (its path matches an endpoint's pattern, its method is the
 * endpoint's, HEAD counting as GET and OPTIONS as any) is answered by matching path patterns, without asking the
 * handler mappings on every request.
 */
final class KnownEndpoints {

    private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;
    private volatile List<Endpoint> endpoints;

    KnownEndpoints(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    boolean matches(HttpServletRequest request) {
        String method = request.getMethod();
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.handles(method) && endpoint.path().matches(request)) {
                return true;
            }
        }
        return false;
    }

    /** Read on first use: the handler mappings are complete once the application serves requests. */
    private List<Endpoint> endpoints() {
        List<Endpoint> known = endpoints;
        if (known == null) {
            PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
            known = new ArrayList<>();
            for (RequestMappingInfoHandlerMapping handlerMapping : mappings) {
                for (RequestMappingInfo mapping :
                        handlerMapping.getHandlerMethods().keySet()) {
                    Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
                    for (String pattern : mapping.getPatternValues()) {
                        known.add(new Endpoint(paths.matcher(pattern), methods));
                    }
                }
            }
            known = List.copyOf(known);
            endpoints = known;
        }
        return known;
    }

    private record Endpoint(RequestMatcher path, Set<RequestMethod> methods) {

        boolean handles(String method) {
            return methods.isEmpty()
                    || method.equals("OPTIONS")
                    || methods.stream().anyMatch(handled -> handled.name().equals(method))
                    || (method.equals("HEAD") && methods.contains(RequestMethod.GET));
        }
    }
}
