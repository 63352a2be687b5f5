package org.memberhub.command.member;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.memberhub.kernel.member.ChangeOwnProfileCommand;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.ProfileRules;

/**
 * Profiles are kept in canonical form, and a member's mobile, email and external reference are unique among members:
 * each is claimed for the member when it is first given and freed when it changes or the member leaves. A member
 * changes its own profile except for what staff keep (mobile, notes, tags, external reference).
 */
final class ProfileChanges {

    private ProfileChanges() {}

    /** The profile of a new member, in canonical form, with its unique values claimed. */
    static MemberProfile register(MemberId id, MemberProfile entered, UniqueKeys uniqueKeys, LocalDate today) {
        MemberProfile registered = ProfileRules.normalize(entered, today);
        for (UniqueKey key : UniqueKey.of(registered)) {
            uniqueKeys.claim(id, key);
        }
        return registered;
    }

    /**
     * The profile that replaces {@code current}, with the unique values that change claimed for the member and the
     * old ones freed; null when it changes nothing.
     */
    static MemberProfile change(
            MemberId id, MemberProfile current, MemberProfile requested, UniqueKeys uniqueKeys, LocalDate today) {
        MemberProfile updated = ProfileRules.normalize(requested, today);
        if (updated.equals(current)) {
            return null;
        }
        Set<UniqueKey> before = UniqueKey.of(current);
        Set<UniqueKey> after = UniqueKey.of(updated);
        for (UniqueKey key : difference(after, before)) {
            uniqueKeys.claim(id, key);
        }
        for (UniqueKey key : difference(before, after)) {
            uniqueKeys.release(id, key);
        }
        return updated;
    }

    /** What a member asks its profile to become: its own fields changed, what staff keep as it is. */
    static MemberProfile requestedByMember(MemberProfile current, ChangeOwnProfileCommand command) {
        return new MemberProfile(
                command.name(),
                current.mobile(),
                command.email(),
                command.gender(),
                command.birthday(),
                command.locale(),
                command.address(),
                current.notes(),
                current.tags(),
                current.externalRef(),
                command.timeZone());
    }

    /** Frees the member's unique values for other members. */
    static void releaseAll(MemberId id, MemberProfile profile, UniqueKeys uniqueKeys) {
        for (UniqueKey key : UniqueKey.of(profile)) {
            uniqueKeys.release(id, key);
        }
    }

    private static Set<UniqueKey> difference(Set<UniqueKey> from, Set<UniqueKey> minus) {
        Set<UniqueKey> result = new HashSet<>(from);
        result.removeAll(minus);
        return result;
    }
}
