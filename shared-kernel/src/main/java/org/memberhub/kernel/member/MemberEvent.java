package org.memberhub.kernel.member;

import org.memberhub.kernel.privacy.PersonalDataSubject;

/**
 * Every event of the Member aggregate; read models that track a member's version handle it generically. Its personal
 * data, if any, belongs to the member.
 */
public interface MemberEvent extends PersonalDataSubject {

    MemberId memberId();

    @Override
    default String personalDataSubject() {
        return memberId().toString();
    }
}
