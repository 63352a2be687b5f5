package org.memberhub.kernel.member;

/** Every event of the Member aggregate; read models that track a member's version handle it generically. */
public interface MemberEvent {

    MemberId memberId();
}
