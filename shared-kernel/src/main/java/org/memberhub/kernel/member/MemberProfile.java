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

    private static final MemberProfile ERASED = new MemberProfile(
            "", "", null, Gender.UNDISCLOSED, null, MemberLocale.ZH_CN, null, null, List.of(), null, null);

    public MemberProfile {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * What a profile reads as once the member's personal data has been erased: every personal field empty. Stored
     * profiles are {@link org.memberhub.kernel.privacy.PersonalData}, so this is what every event and snapshot of an
     * erased member yields.
     */
    public static MemberProfile erased() {
        return ERASED;
    }

    /** Never the data itself, so that no log line or exception message can carry it. */
    @Override
    public String toString() {
        return "MemberProfile[personal data]";
    }
}
