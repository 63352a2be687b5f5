package org.memberhub.kernel.member;

import java.time.LocalDate;
import java.util.List;

/**
 * The personal data of a member as staff or the member entered it. Events carry it as it was decided; commands carry
 * it as it was requested and the aggregate normalizes it with {@link ProfileRules} before deciding. {@code timeZone}
 * (an IANA zone id) is where the member's calendar days are counted; absent, the programme's default zone applies.
 */
public record MemberProfile(
        String name,
        String mobile,
        String email,
        Gender gender,
        LocalDate birthday,
        MemberLocale locale,
        String address,
        String notes,
        List<String> tags,
        String externalRef,
        String timeZone) {

    public MemberProfile {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
