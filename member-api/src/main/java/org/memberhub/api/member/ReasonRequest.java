package org.memberhub.api.member;

import jakarta.validation.constraints.Size;

/** Why staff took an action; optional, kept in the member's history. */
record ReasonRequest(@Size(max = ReasonRequest.MAX_LENGTH) String reason) {

    static final int MAX_LENGTH = 500;
}
