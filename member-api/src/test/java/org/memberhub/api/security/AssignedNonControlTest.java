package org.memberhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firewall's cheap check answers exactly as the regex it replaces. */
class AssignedNonControlTest {

    private static final Pattern FIREWALL_DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void agreesWithTheRegexOnEveryCodePoint() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = new String(Character.toChars(codePoint));
            String within = "Bearer eyJ" + alone + "x.y";
            assertThat(AssignedNonControl.test(alone))
                    .as("U+%04X", codePoint)
                    .isEqualTo(FIREWALL_DEFAULT.matcher(alone).matches());
            assertThat(AssignedNonControl.test(within))
                    .as("U+%04X within", codePoint)
                    .isEqualTo(FIREWALL_DEFAULT.matcher(within).matches());
        }
    }

    @Test
    void agreesOnSurrogatesPairedOrNot() {
        for (String text : new String[] {
            "",
            "\uD83D\uDE00",
            "\uD83D",
            "\uDE00",
            "a\uDE00\uD83D",
            "\uD83D\uD83D\uDE00",
            "名前 José",
            "tab\there",
            "\u007F"
        }) {
            assertThat(AssignedNonControl.test(text))
                    .as(text)
                    .isEqualTo(FIREWALL_DEFAULT.matcher(text).matches());
        }
    }
}
