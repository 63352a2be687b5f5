package org.memberhub.kernel.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainExceptionTest {

    @Test
    void theMessageNeverCarriesPersonalData() {
        DomainException mobile = new DomainException(ErrorCode.DUPLICATE_MOBILE, "13800138000");
        DomainException email = new DomainException(ErrorCode.DUPLICATE_EMAIL, "alice@example.com");

        assertThat(mobile.getMessage()).isEqualTo("DUPLICATE_MOBILE").doesNotContain("13800138000");
        assertThat(email.getMessage()).isEqualTo("DUPLICATE_EMAIL");
        assertThat(mobile.arguments()).as("the caller's answer still has them").containsExactly("13800138000");
    }

    @Test
    void theMessageNamesOtherArgumentsWithControlCharactersEscaped() {
        DomainException refused = new DomainException(ErrorCode.UNKNOWN_ORDER, "o-1\r\nINFO forged line");

        assertThat(refused.getMessage())
                .isEqualTo("UNKNOWN_ORDER[o-1\\u000d\\u000aINFO forged line]")
                .doesNotContain("\n", "\r");
    }

    @Test
    void logSafeTextEscapesLineBreaksAndCutsLongText() {
        assertThat(LogSafe.text("a\u2028b\tc")).isEqualTo("a\\u2028b\\u0009c");
        assertThat(LogSafe.text("plain")).isEqualTo("plain");
        assertThat(LogSafe.text(null)).isEqualTo("null");
        assertThat(LogSafe.text("x".repeat(600))).hasSize(503).endsWith("...");
    }
}
