package org.memberhub.api.member;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.memberhub.api.level.LevelSummary;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberView;

/**
 * A member as the API shows it. {@code version} is also sent as the ETag; {@code tenureDays} counts whole days since
 * the join date in the business time zone. {@code levelDetail} (on {@code GET /members/{id}}; null in the answers
 * of commands) is the level as {@code GET /members/{id}/level} describes it: terms, net spend, progress to the next
 * level and the manual level with its end.
 */
record MemberResponse(
        UUID id,
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
        String timeZone,
        MemberStatus status,
        int level,
        Instant joinedAt,
        Instant updatedAt,
        long tenureDays,
        long version,
        LevelSummary levelDetail) {

    static MemberResponse of(MemberView view, Clock clock) {
        return of(view, clock, null);
    }

    static MemberResponse of(MemberView view, Clock clock, LevelSummary levelDetail) {
        MemberProfile profile = view.profile();
        LocalDate joined = LocalDate.ofInstant(view.joinedAt(), clock.getZone());
        long tenureDays = Math.max(0, ChronoUnit.DAYS.between(joined, LocalDate.now(clock)));
        return new MemberResponse(
                view.id().value(),
                profile.name(),
                profile.mobile(),
                profile.email(),
                profile.gender(),
                profile.birthday(),
                profile.locale(),
                profile.address(),
                profile.notes(),
                profile.tags(),
                profile.externalRef(),
                profile.timeZone(),
                view.status(),
                view.level(),
                view.joinedAt(),
                view.updatedAt(),
                tenureDays,
                view.version(),
                levelDetail);
    }
}
