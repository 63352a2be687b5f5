package org.memberhub.api.me;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberView;

/** What a member sees of their profile. */
record MyProfile(
        MemberId id,
        String name,
        String mobile,
        String email,
        Gender gender,
        LocalDate birthday,
        MemberLocale locale,
        String address,
        String timeZone,
        MemberStatus status,
        int level,
        Instant joinedAt,
        long tenureDays,
        long version) {

    static MyProfile of(MemberView member, Clock clock) {
        MemberProfile profile = member.profile();
        LocalDate joined = LocalDate.ofInstant(member.joinedAt(), clock.getZone());
        return new MyProfile(
                member.id(),
                profile.name(),
                profile.mobile(),
                profile.email(),
                profile.gender(),
                profile.birthday(),
                profile.locale(),
                profile.address(),
                profile.timeZone(),
                member.status(),
                member.level(),
                member.joinedAt(),
                Math.max(0, ChronoUnit.DAYS.between(joined, LocalDate.now(clock))),
                member.version());
    }
}
