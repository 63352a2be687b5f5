package org.memberhub.kernel.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest
    @CsvSource({
        "13800138000, 13800138000",
        "+8613800138000, 13800138000",
        "008613800138000, 13800138000",
        "'+86 138-0013-8000', 13800138000",
        "'(138) 0013 8000', 13800138000",
        "+14155552671, +14155552671",
        "'+44 20 7946 0958', +442079460958"
    })
    void normalizesMobileNumbers(String entered, String canonical) {
        assertThat(ProfileRules.normalizeMobile(entered)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "12345",
                "12800138000",
                "1380013800",
                "138001380000",
                "+0123456789",
                "phone",
                "+86 1380013800x"
            })
    void rejectsWhatIsNoMobileNumber(String entered) {
        assertThat(ProfileRules.normalizeMobile(entered)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Asia/Shanghai", "UTC", "GMT", "Etc/UTC", "Europe/London", " UTC "})
    void acceptsNamesOfTheTimeZoneDatabase(String entered) {
        assertThat(ProfileRules.normalizeTimeZone(entered)).contains(entered.trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+08:00", "Z", "UTC+8", "GMT+08:00", "utc", "Mars/Olympus", "Asia/Shanghai/"})
    void rejectsWhatIsNoTimeZoneName(String entered) {
        assertThat(ProfileRules.normalizeTimeZone(entered)).isEmpty();
    }

    @Test
    void normalizesEmailToLowerCase() {
        assertThat(ProfileRules.normalizeEmail(" Alice.Wang+shop@Example.COM "))
                .contains("alice.wang+shop@example.com");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"alice", "alice@", "@example.com", "alice@example", "alice@@example.com", "a b@example.com"})
    void rejectsWhatIsNoEmailAddress(String entered) {
        assertThat(ProfileRules.normalizeEmail(entered)).isEmpty();
    }

    @Test
    void defaultsGenderAndLocaleAndDropsBlankOptionalText() {
        MemberProfile normalized = ProfileRules.normalize(
                new MemberProfile("Alice", "13800138000", "  ", null, null, null, " ", "\t", List.of(), "  ", null),
                TODAY);

        assertThat(normalized)
                .isEqualTo(new MemberProfile(
                        "Alice",
                        "13800138000",
                        null,
                        Gender.UNDISCLOSED,
                        null,
                        MemberLocale.ZH_CN,
                        null,
                        null,
                        List.of(),
                        null,
                        null));
    }

    @Test
    void deduplicatesAndSortsTags() {
        MemberProfile normalized =
                ProfileRules.normalize(profileWithTags(List.of("vip", " new   member ", "vip", "金卡")), TODAY);

        assertThat(normalized.tags()).containsExactly("new member", "vip", "金卡");
    }

    @Test
    void acceptsBirthdaysFrom1900UntilToday() {
        assertThat(ProfileRules.normalize(profileBornOn(LocalDate.of(1900, 1, 1)), TODAY)
                        .birthday())
                .isEqualTo(LocalDate.of(1900, 1, 1));
        assertThat(ProfileRules.normalize(profileBornOn(TODAY), TODAY).birthday())
                .isEqualTo(TODAY);
        assertViolation(profileBornOn(LocalDate.of(1899, 12, 31)), "birthday", ProfileViolation.OUT_OF_RANGE);
        assertViolation(profileBornOn(TODAY.plusDays(1)), "birthday", ProfileViolation.OUT_OF_RANGE);
    }

    @Test
    void limitsLengthsAndCounts() {
        assertViolation(
                new MemberProfile(
                        "x".repeat(101), "13800138000", null, null, null, null, null, null, List.of(), null, null),
                "name",
                ProfileViolation.TOO_LONG);
        assertViolation(
                new MemberProfile(
                        "Alice", "13800138000", null, null, null, null, "x".repeat(201), null, List.of(), null, null),
                "address",
                ProfileViolation.TOO_LONG);
        assertViolation(
                new MemberProfile(
                        "Alice", "13800138000", null, null, null, null, null, "x".repeat(1001), List.of(), null, null),
                "notes",
                ProfileViolation.TOO_LONG);
        assertViolation(profileWithTags(List.of("x".repeat(33))), "tags", ProfileViolation.TOO_LONG);
        List<String> tooMany =
                new ArrayList<>(IntStream.range(0, 21).mapToObj(i -> "t" + i).toList());
        assertViolation(profileWithTags(tooMany), "tags", ProfileViolation.TOO_MANY);
        assertViolation(
                new MemberProfile(
                        "Alice", "13800138000", null, null, null, null, null, null, List.of(), "x".repeat(65), null),
                "externalRef",
                ProfileViolation.TOO_LONG);
    }

    @Test
    void rejectsControlCharactersInNames() {
        assertViolation(
                new MemberProfile(
                        "Ali\u0000ce", "13800138000", null, null, null, null, null, null, List.of(), null, null),
                "name",
                ProfileViolation.INVALID_FORMAT);
    }

    @Test
    void requiresNameAndMobile() {
        assertThatThrownBy(() -> ProfileRules.normalize(
                        new MemberProfile(null, null, null, null, null, null, null, null, null, null, null), TODAY))
                .isInstanceOfSatisfying(InvalidProfileException.class, e -> assertThat(e.violations())
                        .containsExactly(
                                new ProfileViolation("name", ProfileViolation.REQUIRED),
                                new ProfileViolation("mobile", ProfileViolation.REQUIRED)));
    }

    private static void assertViolation(MemberProfile profile, String field, String code) {
        assertThatThrownBy(() -> ProfileRules.normalize(profile, TODAY))
                .isInstanceOfSatisfying(InvalidProfileException.class, e -> assertThat(e.violations())
                        .containsExactly(new ProfileViolation(field, code)));
    }

    private static MemberProfile profileWithTags(List<String> tags) {
        return new MemberProfile("Alice", "13800138000", null, null, null, null, null, null, tags, null, null);
    }

    private static MemberProfile profileBornOn(LocalDate birthday) {
        return new MemberProfile("Alice", "13800138000", null, null, birthday, null, null, null, List.of(), null, null);
    }
}
