package org.memberhub.kernel.member;

public enum Gender {
    MALE,
    FEMALE,
    UNDISCLOSED
}
