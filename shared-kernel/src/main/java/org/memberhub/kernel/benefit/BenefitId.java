package org.memberhub.kernel.benefit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * Identifies a benefit of the catalogue by a short code chosen when it is created ({@code gold-discount},
 * {@code free-shipping}): lower-case letters, digits and dashes, up to 64 characters.
 */
public record BenefitId(String value) {

    public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,63}";

    private static final Pattern VALID = Pattern.compile(PATTERN);

    public BenefitId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a benefit code: " + value);
        }
    }

    @JsonCreator
    public static BenefitId of(String value) {
        return new BenefitId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
