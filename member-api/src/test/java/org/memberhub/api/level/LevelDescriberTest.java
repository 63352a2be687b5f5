package org.memberhub.api.level;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.level.ManualLevel;
import org.memberhub.kernel.level.ManualLevelMode;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.loyalty.Money;
import org.springframework.context.i18n.LocaleContextHolder;

/** Progress to the next level as every level answer shows it, with the SPEC's default levels. */
class LevelDescriberTest {

    private static final Instant END = Instant.parse("2027-01-31T16:00:00Z");

    private final LevelDescriber describer = new LevelDescriber(() -> LoyaltyRules.defaults(ZoneOffset.UTC));

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Nested
    class Automatic {

        @Test
        void showsTheSpendStillNeededForTheNextLevel() {
            LevelSummary bronze = describer.describe(2, Money.ofYuan("1234.50"), null);

            assertThat(bronze.nextLevel()).isEqualTo(3);
            assertThat(bronze.nextLevelName()).isEqualTo("Silver");
            assertThat(bronze.spendToNextLevel()).isEqualTo(Money.ofYuan("765.50"));
            assertThat(bronze.nextLevelReachable()).isTrue();
            assertThat(bronze.cappedByManualLevel()).isFalse();
            assertThat(bronze.manualLevelEndsAt()).isNull();
        }

        @Test
        void hasNoNextLevelAtTheTop() {
            LevelSummary diamond = describer.describe(5, Money.ofYuan("25000"), null);

            assertThat(diamond.nextLevel()).isNull();
            assertThat(diamond.nextLevelName()).isNull();
            assertThat(diamond.spendToNextLevel()).isNull();
            assertThat(diamond.nextLevelReachable()).isFalse();
            assertThat(diamond.cappedByManualLevel()).isFalse();
        }

        @Test
        void namesLevelsInTheCallersLanguage() {
            LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);

            LevelSummary registered = describer.describe(1, Money.ZERO, null);

            assertThat(registered.name()).isEqualTo("注册会员");
            assertThat(registered.nextLevelName()).isEqualTo("铜牌会员");
            assertThat(registered.spendToNextLevel()).isEqualTo(Money.ofYuan("500"));
        }
    }

    @Nested
    class UnderACeiling {

        @Test
        void aMemberHeldAtTheCeilingCannotReachTheNextLevel() {
            // spend worth Gold, held at Bronze until the end date
            LevelSummary capped = describer.describe(2, Money.ofYuan("6000"), manual(2, ManualLevelMode.CEILING, END));

            assertThat(capped.level()).isEqualTo(2);
            assertThat(capped.automaticLevel()).isEqualTo(4);
            assertThat(capped.nextLevel()).as("not Silver at 0.00 to go").isNull();
            assertThat(capped.nextLevelName()).isNull();
            assertThat(capped.spendToNextLevel()).isNull();
            assertThat(capped.nextLevelReachable()).isFalse();
            assertThat(capped.cappedByManualLevel()).isTrue();
            assertThat(capped.manualLevelEndsAt()).isEqualTo(END);
        }

        @Test
        void aMemberBelowTheCeilingStillRisesUpToIt() {
            // capped at Silver, but refunds brought the spend down to Registered
            LevelSummary below = describer.describe(1, Money.ofYuan("100"), manual(3, ManualLevelMode.CEILING, null));

            assertThat(below.nextLevel()).isEqualTo(2);
            assertThat(below.spendToNextLevel()).isEqualTo(Money.ofYuan("400"));
            assertThat(below.nextLevelReachable()).isTrue();
            assertThat(below.cappedByManualLevel()).isFalse();
            assertThat(below.manualLevelEndsAt()).as("until staff end it").isNull();
        }
    }

    @Nested
    class AboveAFloor {

        @Test
        void spendingStillLiftsAMemberAboveAGrantedLevel() {
            LevelSummary granted = describer.describe(4, Money.ofYuan("800"), manual(4, ManualLevelMode.FLOOR, END));

            assertThat(granted.automaticLevel()).isEqualTo(2);
            assertThat(granted.nextLevel()).isEqualTo(5);
            assertThat(granted.spendToNextLevel()).isEqualTo(Money.ofYuan("9200"));
            assertThat(granted.nextLevelReachable()).isTrue();
            assertThat(granted.cappedByManualLevel()).isFalse();
            assertThat(granted.manualLevelEndsAt()).isEqualTo(END);
        }

        @Test
        void aGrantedTopLevelHasNoNextLevel() {
            LevelSummary top = describer.describe(5, Money.ZERO, manual(5, ManualLevelMode.FLOOR, null));

            assertThat(top.nextLevel()).isNull();
            assertThat(top.nextLevelReachable()).isFalse();
            assertThat(top.cappedByManualLevel()).isFalse();
        }
    }

    @Test
    void aMemberSeesTheSameProgressWithoutWhyStaffSetTheLevel() {
        LevelSummary staff = describer.describe(2, Money.ofYuan("6000"), manual(2, ManualLevelMode.CEILING, END));

        LevelSummary own = staff.withoutManualReason();

        assertThat(own.manual().reason()).isNull();
        assertThat(own.manual().level()).isEqualTo(2);
        assertThat(own.manualLevelEndsAt()).isEqualTo(END);
        assertThat(own.nextLevelReachable()).isFalse();
        assertThat(own.cappedByManualLevel()).isTrue();
    }

    private static ManualLevel manual(int level, ManualLevelMode mode, Instant until) {
        return new ManualLevel(level, mode, until, "staff decision");
    }
}
