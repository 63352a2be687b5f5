package org.memberhub.kernel.member;

import java.time.LocalDate;
import java.time.zone.ZoneRulesProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a valid member profile is, and its canonical form. The aggregate applies these rules to every profile it
 * accepts, whatever the channel (REST, Kafka, sync); the REST layer reuses the same limits so that its validation
 * messages and the OpenAPI document agree with the domain.
 */
public final class ProfileRules {

    public static final int NAME_MAX_LENGTH = 100;
    public static final int MOBILE_MAX_LENGTH = 24;
    public static final int EMAIL_MAX_LENGTH = 254;
    public static final int ADDRESS_MAX_LENGTH = 200;
    public static final int NOTES_MAX_LENGTH = 1000;
    public static final int MAX_TAGS = 20;
    public static final int TAG_MAX_LENGTH = 32;
    public static final String TAG_PATTERN = "[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]*";
    public static final int EXTERNAL_REF_MAX_LENGTH = 64;
    public static final String EXTERNAL_REF_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]*";
    public static final LocalDate EARLIEST_BIRTHDAY = LocalDate.of(1900, 1, 1);

    private static final Pattern MOBILE_SEPARATORS = Pattern.compile("[\\s\\-()]");
    private static final Pattern CHINA_MOBILE = Pattern.compile("(?:\\+86|0086)?(1[3-9]\\d{9})");
    private static final Pattern INTERNATIONAL_MOBILE = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
            + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern TAG = Pattern.compile(TAG_PATTERN);
    private static final Pattern EXTERNAL_REF = Pattern.compile(EXTERNAL_REF_PATTERN);
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

    private ProfileRules() {}

    /**
     * The canonical form of a mobile number: mainland China numbers as their 11 digits (a +86 or 0086 prefix and
     * separators dropped), other numbers in E.164 form. Empty when the text is no mobile number.
     */
    public static Optional<String> normalizeMobile(String raw) {
        if (raw == null || raw.length() > MOBILE_MAX_LENGTH) {
            return Optional.empty();
        }
        String compact = MOBILE_SEPARATORS.matcher(raw).replaceAll("");
        Matcher china = CHINA_MOBILE.matcher(compact);
        if (china.matches()) {
            return Optional.of(china.group(1));
        }
        return INTERNATIONAL_MOBILE.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
    }

    /** The canonical (trimmed, lower-case) form of an e-mail address, or empty when the text is none. */
    public static Optional<String> normalizeEmail(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String email = raw.trim().toLowerCase(Locale.ROOT);
        return email.length() <= EMAIL_MAX_LENGTH && EMAIL.matcher(email).matches()
                ? Optional.of(email)
                : Optional.empty();
    }

    public static boolean isValidTag(String tag) {
        return tag != null && tag.length() <= TAG_MAX_LENGTH && TAG.matcher(tag).matches();
    }

    /**
     * Checks a profile and returns its canonical form: text trimmed (blank optional text becomes absent), mobile and
     * e-mail normalized, tags de-duplicated and sorted, gender and locale defaulted.
     *
     * @throws InvalidProfileException listing every field that breaks a rule
     */
    public static MemberProfile normalize(MemberProfile profile, LocalDate today) {
        List<ProfileViolation> violations = new ArrayList<>();

        String name = trimToNull(profile.name());
        if (name == null) {
            violations.add(new ProfileViolation("name", ProfileViolation.REQUIRED));
        } else if (name.length() > NAME_MAX_LENGTH) {
            violations.add(new ProfileViolation("name", ProfileViolation.TOO_LONG));
        } else if (CONTROL.matcher(name).find()) {
            violations.add(new ProfileViolation("name", ProfileViolation.INVALID_FORMAT));
        }

        String mobile = null;
        if (trimToNull(profile.mobile()) == null) {
            violations.add(new ProfileViolation("mobile", ProfileViolation.REQUIRED));
        } else {
            mobile = normalizeMobile(profile.mobile().trim()).orElse(null);
            if (mobile == null) {
                violations.add(new ProfileViolation("mobile", ProfileViolation.INVALID_MOBILE));
            }
        }

        String email = trimToNull(profile.email());
        if (email != null) {
            email = normalizeEmail(email).orElse(null);
            if (email == null) {
                violations.add(new ProfileViolation("email", ProfileViolation.INVALID_EMAIL));
            }
        }

        LocalDate birthday = profile.birthday();
        if (birthday != null && (birthday.isBefore(EARLIEST_BIRTHDAY) || birthday.isAfter(today))) {
            violations.add(new ProfileViolation("birthday", ProfileViolation.OUT_OF_RANGE));
        }

        String address = trimToNull(profile.address());
        if (address != null && address.length() > ADDRESS_MAX_LENGTH) {
            violations.add(new ProfileViolation("address", ProfileViolation.TOO_LONG));
        }
        String notes = trimToNull(profile.notes());
        if (notes != null && notes.length() > NOTES_MAX_LENGTH) {
            violations.add(new ProfileViolation("notes", ProfileViolation.TOO_LONG));
        }

        TreeSet<String> tags = new TreeSet<>();
        for (String raw : profile.tags()) {
            String tag = raw == null ? null : WHITESPACE_RUN.matcher(raw.trim()).replaceAll(" ");
            if (tag == null || tag.isEmpty()) {
                violations.add(new ProfileViolation("tags", ProfileViolation.REQUIRED));
            } else if (tag.length() > TAG_MAX_LENGTH) {
                violations.add(new ProfileViolation("tags", ProfileViolation.TOO_LONG));
            } else if (!TAG.matcher(tag).matches()) {
                violations.add(new ProfileViolation("tags", ProfileViolation.INVALID_FORMAT));
            } else {
                tags.add(tag);
            }
        }
        if (tags.size() > MAX_TAGS) {
            violations.add(new ProfileViolation("tags", ProfileViolation.TOO_MANY));
        }

        String externalRef = trimToNull(profile.externalRef());
        if (externalRef != null) {
            if (externalRef.length() > EXTERNAL_REF_MAX_LENGTH) {
                violations.add(new ProfileViolation("externalRef", ProfileViolation.TOO_LONG));
            } else if (!EXTERNAL_REF.matcher(externalRef).matches()) {
                violations.add(new ProfileViolation("externalRef", ProfileViolation.INVALID_FORMAT));
            }
        }

        String timeZone = trimToNull(profile.timeZone());
        if (timeZone != null) {
            timeZone = normalizeTimeZone(timeZone).orElse(null);
            if (timeZone == null) {
                violations.add(new ProfileViolation("timeZone", ProfileViolation.INVALID_FORMAT));
            }
        }

        if (!violations.isEmpty()) {
            throw new InvalidProfileException(violations.stream().distinct().toList());
        }
        return new MemberProfile(
                name,
                mobile,
                email,
                profile.gender() == null ? Gender.UNDISCLOSED : profile.gender(),
                birthday,
                profile.locale() == null ? MemberLocale.ZH_CN : profile.locale(),
                address,
                notes,
                List.copyOf(tags),
                externalRef,
                timeZone);
    }

    /**
     * The id of an IANA time zone (any name of the tz database, such as Asia/Shanghai, UTC or GMT; not a bare offset
     * such as +08:00 or UTC+8), or empty when it is none.
     */
    public static Optional<String> normalizeTimeZone(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String id = raw.trim();
        return ZoneRulesProvider.getAvailableZoneIds().contains(id) ? Optional.of(id) : Optional.empty();
    }

    private static String trimToNull(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
