package org.memberhub.kernel.member;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The language a member is addressed in, written as a BCP 47 tag. */
public enum MemberLocale {
    ZH_CN("zh-CN"),
    EN("en");

    private final String tag;

    MemberLocale(String tag) {
        this.tag = tag;
    }

    @JsonValue
    public String tag() {
        return tag;
    }

    /** Accepts the tag in any letter case and with '_' or '-'; throws {@link IllegalArgumentException} otherwise. */
    @JsonCreator
    public static MemberLocale fromTag(String tag) {
        if (tag != null) {
            for (MemberLocale locale : values()) {
                if (locale.tag.equalsIgnoreCase(tag.replace('_', '-'))) {
                    return locale;
                }
            }
        }
        throw new IllegalArgumentException("unsupported locale: " + tag);
    }
}
