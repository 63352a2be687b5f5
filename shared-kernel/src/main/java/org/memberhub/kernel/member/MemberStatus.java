package org.memberhub.kernel.member;

public enum MemberStatus {
    ACTIVE,
    FROZEN,
    DELETED
}
