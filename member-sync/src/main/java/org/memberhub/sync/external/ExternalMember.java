package org.memberhub.sync.external;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A member record of the external member system, as its API sends it. The external system owns name, mobile,
 * e-mail, gender, birthday, address and tags; notes, locale and time zone are ours.
 */
record ExternalMember(
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
