package org.memberhub.api.member;

import static org.memberhub.kernel.member.ProfileRules.ADDRESS_MAX_LENGTH;
import static org.memberhub.kernel.member.ProfileRules.EMAIL_MAX_LENGTH;
import static org.memberhub.kernel.member.ProfileRules.EXTERNAL_REF_MAX_LENGTH;
import static org.memberhub.kernel.member.ProfileRules.EXTERNAL_REF_PATTERN;
import static org.memberhub.kernel.member.ProfileRules.MAX_TAGS;
import static org.memberhub.kernel.member.ProfileRules.NAME_MAX_LENGTH;
import static org.memberhub.kernel.member.ProfileRules.NOTES_MAX_LENGTH;
import static org.memberhub.kernel.member.ProfileRules.TAG_MAX_LENGTH;
import static org.memberhub.kernel.member.ProfileRules.TAG_PATTERN;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.memberhub.api.validation.Birthday;
import org.memberhub.api.validation.EmailAddress;
import org.memberhub.api.validation.MobileNumber;
import org.memberhub.api.validation.TimeZoneId;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;

/** A member's profile as staff enter it, for registration and for full replacement (PUT). */
@Schema(name = "MemberInput")
record MemberRequest(
        @Schema(example = "张三") @NotBlank @Size(max = NAME_MAX_LENGTH) @Pattern(regexp = "[^\\p{Cntrl}]*") String name,
        @Schema(example = "13800138000", description = "mainland China mobile (+86 optional) or E.164")
                @NotBlank
                @MobileNumber
                String mobile,
        @Schema(example = "zhangsan@example.com") @Size(max = EMAIL_MAX_LENGTH) @EmailAddress String email,
        @Schema(description = "defaults to UNDISCLOSED") Gender gender,
        @Birthday LocalDate birthday,
        @Schema(
                        type = "string",
                        allowableValues = {"zh-CN", "en"},
                        description = "defaults to zh-CN")
                MemberLocale locale,
        @Size(max = ADDRESS_MAX_LENGTH) String address,
        @Size(max = NOTES_MAX_LENGTH) String notes,
        @Size(max = MAX_TAGS)
                List<@NotBlank @Size(max = TAG_MAX_LENGTH) @Pattern(regexp = "\\s*" + TAG_PATTERN + "\\s*") String>
                        tags,
        @Schema(description = "the member's id in the external member system")
                @Size(max = EXTERNAL_REF_MAX_LENGTH)
                @Pattern(regexp = "\\s*" + EXTERNAL_REF_PATTERN + "\\s*")
                String externalRef,
        @Schema(
                        example = "Asia/Shanghai",
                        description =
                                "IANA time zone of the member's calendar days (check-in, birthday); defaults to the programme's")
                @TimeZoneId
                String timeZone) {

    MemberProfile toProfile() {
        return new MemberProfile(
                name, mobile, email, gender, birthday, locale, address, notes, tags, externalRef, timeZone);
    }
}
