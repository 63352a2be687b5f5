package org.memberhub.kernel.member;

/** One field of a profile that breaks a {@link ProfileRules rule}; {@code code} names the rule. */
public record ProfileViolation(String field, String code) {

    public static final String REQUIRED = "REQUIRED";
    public static final String TOO_LONG = "TOO_LONG";
    public static final String TOO_MANY = "TOO_MANY";
    public static final String INVALID_FORMAT = "INVALID_FORMAT";
    public static final String INVALID_MOBILE = "INVALID_MOBILE";
    public static final String INVALID_EMAIL = "INVALID_EMAIL";
    public static final String OUT_OF_RANGE = "OUT_OF_RANGE";
}
