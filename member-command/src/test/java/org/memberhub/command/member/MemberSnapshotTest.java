package org.memberhub.command.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.command.privacy.TestSerializers;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitType;
import org.memberhub.kernel.benefit.BenefitUsedEvent;
import org.memberhub.kernel.level.LevelAdjustedEvent;
import org.memberhub.kernel.level.LevelUpgradedEvent;
import org.memberhub.kernel.level.ManualLevelMode;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.points.PointsAdjustedEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.memberhub.kernel.points.SpendPurpose;
import org.memberhub.kernel.privacy.PersonalDataVault;

/**
 * A member's snapshot goes through the serializer the event store uses: the fold's fields are unwrapped into the
 * member's, its profile is sealed with the member's key, and reading the snapshot back gives the same member (or,
 * once the member's key is forgotten, the erased profile).
 */
class MemberSnapshotTest {

    private static final MemberId ID = MemberId.of("0190f2a4-1c3e-7a00-8000-000000000001");
    private static final Instant T0 = Instant.parse("2026-11-23T04:00:00Z");
    private static final Instant RELEASE = Instant.parse("2026-11-30T04:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2028-11-23T04:00:00Z");
    private static final MemberProfile PROFILE = new MemberProfile(
            "Snap Shot",
            "13912345678",
            "snap@example.com",
            Gender.FEMALE,
            LocalDate.of(1990, 4, 2),
            MemberLocale.EN,
            "1 Snapshot Road",
            null,
            List.of("vip"),
            "EXT-SNAP",
            "Asia/Shanghai");

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final JacksonSerializer plain =
            JacksonSerializer.builder().objectMapper(mapper).build();
    private final InMemoryVault vault = new InMemoryVault();
    private final Serializer serializer = TestSerializers.personalData(plain, vault);
    private Member member;

    @BeforeEach
    void setUp() {
        member = new Member();
        List<MemberEvent> history = new ArrayList<>(List.of(
                new MemberRegisteredEvent(ID, PROFILE, 1),
                new PurchaseRecordedEvent(ID, "order-1", Money.ofYuan("1000.00"), T0, Money.ofYuan("1000.00")),
                new PointsEarnedEvent(ID, 1, PointsSource.PURCHASE, "order-1", 1000, true, RELEASE, EXPIRY, 0),
                new LevelUpgradedEvent(ID, 1, 2, 2, Money.ofYuan("1000.00"), "purchase order-1"),
                new PurchaseRefundedEvent(ID, "refund-1", "order-1", Money.ofYuan("100.00"), Money.ofYuan("900.00")),
                new PointsAdjustedEvent(ID, "adjustment-1", 500, "welcome", 2, EXPIRY, 0, List.of()),
                new PointsSpentEvent(
                        ID,
                        SpendPurpose.REDEMPTION,
                        "redemption-1",
                        100,
                        null,
                        null,
                        "product-1",
                        List.of(new LotConsumption(2, 100, false))),
                new LevelAdjustedEvent(ID, 3, ManualLevelMode.FLOOR, EXPIRY, "vip", 2, 3, 2),
                new BenefitUsedEvent(
                        ID, new BenefitId("free-shipping"), "use-1", BenefitType.FREE_SHIPPING, 3, "2026-11", 0)));
        for (MemberEvent event : history) {
            member.on(event, T0);
        }
    }

    @Test
    void theSnapshotHoldsTheFoldUnwrappedWithTheProfileSealed() throws Exception {
        JsonNode snapshot =
                mapper.readTree(serializer.serialize(member, byte[].class).getData());

        assertThat(snapshot.get("memberId").asText()).isEqualTo(ID.toString());
        assertThat(snapshot.get("profile").get("$subject").asText())
                .as("the profile is sealed with the member's key")
                .isEqualTo(ID.toString());
        assertThat(snapshot.has("level"))
                .as("the fold's fields are the member's")
                .isTrue();
        assertThat(snapshot.has("state")).isFalse();
        String text = snapshot.toString();
        assertThat(text)
                .doesNotContain("13912345678")
                .doesNotContain("Snap Shot")
                .doesNotContain("snap@example.com");
    }

    @Test
    void readingTheSnapshotBackGivesTheSameMember() throws Exception {
        SerializedObject<byte[]> snapshot = serializer.serialize(member, byte[].class);

        Member restored = serializer.deserialize(snapshot);

        assertThat(tree(restored)).isEqualTo(tree(member));
        assertThat(tree(restored).get("profile")).isEqualTo(mapper.valueToTree(PROFILE));
        assertThat(restored.erased()).isFalse();
        assertThat(restored.levelForJoining()).isEqualTo(3);
    }

    @Test
    void onceTheMembersKeyIsForgottenTheSnapshotReadsWithTheErasedProfile() throws Exception {
        SerializedObject<byte[]> snapshot = serializer.serialize(member, byte[].class);
        vault.forget(ID.toString());

        Member restored = serializer.deserialize(snapshot);

        assertThat(tree(restored).get("profile")).isEqualTo(mapper.valueToTree(MemberProfile.erased()));
        assertThat(tree(restored).get("lots")).isEqualTo(tree(member).get("lots"));
    }

    /** The member's state as plain JSON, without encryption. */
    private JsonNode tree(Member of) throws Exception {
        return mapper.readTree(plain.serialize(of, byte[].class).getData());
    }

    /** Seals by keeping the plaintext under a fresh token; forgetting a subject loses what it sealed. */
    private static final class InMemoryVault implements PersonalDataVault {

        private final Map<String, Map<String, byte[]>> sealed = new HashMap<>();
        private int next;

        @Override
        public byte[] seal(String subject, byte[] plaintext) {
            String token = "token-" + next++;
            sealed.computeIfAbsent(subject, s -> new HashMap<>()).put(token, plaintext.clone());
            return token.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Optional<byte[]> unseal(String subject, byte[] ciphertext) {
            return Optional.ofNullable(
                    sealed.getOrDefault(subject, Map.of()).get(new String(ciphertext, StandardCharsets.UTF_8)));
        }

        @Override
        public void forget(String subject) {
            sealed.remove(subject);
        }
    }
}
