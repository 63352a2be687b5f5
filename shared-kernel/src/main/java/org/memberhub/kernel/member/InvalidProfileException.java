package org.memberhub.kernel.member;

import java.util.List;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;

public class InvalidProfileException extends DomainException {

    private final transient List<ProfileViolation> violations;

    public InvalidProfileException(List<ProfileViolation> violations) {
        super(ErrorCode.INVALID_PROFILE, violations.toString());
        this.violations = List.copyOf(violations);
    }

    public List<ProfileViolation> violations() {
        return violations;
    }
}
