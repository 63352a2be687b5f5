package org.memberhub.api.error;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers what the security firewall refuses (a {@code //} or {@code ;jsessionid} in the path, a header value that is
 * not printable ASCII, a method it does not know) with Problem Details instead of Spring's default error page. A
 * refusal while the container forwards an error it already decided on (Tomcat's 405 for {@code TRACE}) answers that
 * error.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    private final Problems problems;

    RejectedRequests(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        if (request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status) {
            problems.write(request, response, status, Problems.codeFor(status));
            return;
        }
        log.debug("Request rejected by the firewall: {}", rejected.getMessage());
        problems.write(request, response, 400, ProblemCodes.REQUEST_REJECTED);
    }
}
