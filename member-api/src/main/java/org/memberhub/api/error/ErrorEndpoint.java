package org.memberhub.api.error;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, in place of Spring Boot's default error JSON: whatever failed outside Spring
 * MVC (an exception in a filter, an error the container decided on) is answered with Problem Details. It writes the
 * answer itself, so no {@code Accept} header can turn an error into a 406.
 */
@Hidden
@RestController
class ErrorEndpoint implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorEndpoint.class);

    private final Problems problems;

    ErrorEndpoint(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping(path = "${server.error.path:${error.path:/error}}", produces = MediaType.ALL_VALUE)
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)) {
            problems.write(request, response, 404, ProblemCodes.NOT_FOUND);
            return;
        }
        if (status >= 500) {
            String reference = UUID.randomUUID().toString();
            log.error("Unexpected error, reference {}", reference, (Throwable)
                    request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            problems.write(request, response, status, Problems.codeFor(status), reference);
            return;
        }
        problems.write(request, response, status, Problems.codeFor(status));
    }
}
