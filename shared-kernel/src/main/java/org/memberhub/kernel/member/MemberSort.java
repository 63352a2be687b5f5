package org.memberhub.kernel.member;

public record MemberSort(Field field, boolean ascending) {

    public static final MemberSort DEFAULT = new MemberSort(Field.JOINED_AT, false);

    public enum Field {
        NAME,
        MOBILE,
        LEVEL,
        STATUS,
        JOINED_AT,
        UPDATED_AT
    }
}
