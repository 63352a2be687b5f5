package org.memberhub.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberFrozenEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.query.testing.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encryption of personal data in stored events, and crypto-shredding, against the vault's table on PostgreSQL. In
 * member-api for its test database, in the command side's package to reach the package-private serializer and vault.
 */
class PersonalDataEncryptionTest {

    private static final MemberProfile PROFILE = new MemberProfile(
            "Li Lei",
            "13912345678",
            "lilei@example.com",
            Gender.MALE,
            LocalDate.of(1990, 4, 2),
            MemberLocale.EN,
            "1 Shredding Road",
            "likes tea",
            List.of("vip"),
            "EXT-1",
            "Asia/Shanghai");

    private static TestDatabase database;
    private static JdbcTemplate jdbc;

    private final JacksonSerializer jackson =
            JacksonSerializer.builder().objectMapper(mapper()).build();

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create().migrate("classpath:db/migration/command");
        jdbc = new JdbcTemplate(database.dataSource());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void storesTheProfileEncryptedAndReadsItBackUntilTheMemberIsForgotten() {
        JdbcPersonalDataVault vault = vault(randomKey());
        PersonalDataSerializer serializer = new PersonalDataSerializer(jackson, vault);
        MemberId member = MemberId.newId();
        MemberRegisteredEvent event = new MemberRegisteredEvent(member, PROFILE, 1);

        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"$sealed\"", member.toString()).doesNotContain("Li Lei", "13912345678", "tea");
        assertThat(stored.getType().getName()).isEqualTo(MemberRegisteredEvent.class.getName());
        assertThat(stored.getType().getRevision())
                .isEqualTo(jackson.typeForClass(MemberRegisteredEvent.class).getRevision());
        assertThat((MemberRegisteredEvent) serializer.deserialize(stored)).isEqualTo(event);

        vault.forget(member.toString());
        MemberRegisteredEvent forgotten = serializer.deserialize(stored);
        assertThat(forgotten.profile()).isEqualTo(MemberProfile.erased());
        assertThat(forgotten.memberId()).isEqualTo(member);
        assertThat(forgotten.level()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT wrapped_key IS NULL FROM personal_data_key WHERE subject = ?",
                        Boolean.class,
                        member.toString()))
                .isTrue();

        assertThatThrownBy(() -> serializer.serialize(new MemberRegisteredEvent(member, PROFILE, 1), byte[].class))
                .hasMessageContaining("has been erased");
        SerializedObject<byte[]> erasedProfile =
                serializer.serialize(new MemberRegisteredEvent(member, MemberProfile.erased(), 1), byte[].class);
        assertThat(new String(erasedProfile.getData(), StandardCharsets.UTF_8)).doesNotContain("$sealed");
    }

    @Test
    void eachMemberHasItsOwnKeyAndCiphertextIsBoundToItsMember() {
        JdbcPersonalDataVault vault = vault(randomKey());
        MemberId alice = MemberId.newId();
        MemberId bob = MemberId.newId();
        byte[] sealed = vault.seal(alice.toString(), "secret".getBytes(StandardCharsets.UTF_8));
        vault.seal(bob.toString(), "other".getBytes(StandardCharsets.UTF_8));

        assertThat(vault.unseal(alice.toString(), sealed))
                .hasValueSatisfying(plain ->
                        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("secret"));
        assertThatThrownBy(() -> vault.unseal(bob.toString(), sealed)).isInstanceOf(IllegalStateException.class);
        vault.forget(bob.toString());
        assertThat(vault.unseal(alice.toString(), sealed)).isPresent();
    }

    @Test
    void aWrongMasterKeyIsAnErrorNeverAnErasure() {
        MemberId member = MemberId.newId();
        byte[] sealed = vault(randomKey()).seal(member.toString(), "secret".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> vault(randomKey()).unseal(member.toString(), sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("memberhub.privacy.master-key");
    }

    @Test
    void eventsWithoutPersonalDataAndProfilesStoredInTheClearPassUnchanged() {
        PersonalDataSerializer serializer = new PersonalDataSerializer(jackson, vault(randomKey()));
        MemberId member = MemberId.newId();
        MemberFrozenEvent frozen = new MemberFrozenEvent(member, "asked to");
        assertThat(serializer.serialize(frozen, byte[].class).getData())
                .isEqualTo(jackson.serialize(frozen, byte[].class).getData());

        MemberRegisteredEvent legacy = new MemberRegisteredEvent(member, PROFILE, 1);
        SerializedObject<byte[]> clear = jackson.serialize(legacy, byte[].class);
        assertThat((MemberRegisteredEvent) serializer.deserialize(
                        new SimpleSerializedObject<>(clear.getData(), byte[].class, clear.getType())))
                .isEqualTo(legacy);
    }

    @Test
    void keysReadAheadServeTheirTransactionOnlySoAnErasureStillTakesEffectEverywhere() {
        DataSource dataSource = database.dataSource();
        JdbcPersonalDataVault vault = new JdbcPersonalDataVault(
                new JdbcTemplate(dataSource), new SecretKeySpec(randomKey(), "AES"), Clock.systemUTC());
        List<String> members =
                Stream.generate(() -> MemberId.newId().toString()).limit(3).toList();
        Map<String, byte[]> sealed = members.stream()
                .collect(Collectors.toMap(Function.identity(), m -> vault.seal(m, m.getBytes(StandardCharsets.UTF_8))));
        String erasedElsewhere = members.get(0);
        String erasedHere = members.get(1);
        String kept = members.get(2);

        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(tx -> {
            vault.prefetch(members);
            forgetOnAnotherConnection(erasedElsewhere);
            // the batch goes on with the keys it read, as if it had read each one just before the erasure committed
            members.forEach(
                    m -> assertThat(vault.unseal(m, sealed.get(m))).as(m).isPresent());
            vault.forget(erasedHere);
            assertThat(vault.unseal(erasedHere, sealed.get(erasedHere))).isEmpty();
        });

        assertThat(vault.unseal(erasedElsewhere, sealed.get(erasedElsewhere))).isEmpty();
        assertThat(vault.unseal(erasedHere, sealed.get(erasedHere))).isEmpty();
        assertThat(vault.unseal(kept, sealed.get(kept))).isPresent();
        // outside a transaction nothing is read ahead: every use asks the table
        vault.prefetch(List.of(kept));
        forgetOnAnotherConnection(kept);
        assertThat(vault.unseal(kept, sealed.get(kept))).isEmpty();
    }

    /** Another instance erasing a member: its own connection, committed at once. */
    private static void forgetOnAnotherConnection(String subject) {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.executeUpdate(
                    "UPDATE personal_data_key SET wrapped_key = NULL, forgotten_at = now() WHERE subject = '" + subject
                            + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JdbcPersonalDataVault vault(byte[] masterKey) {
        return new JdbcPersonalDataVault(jdbc, new SecretKeySpec(masterKey, "AES"), Clock.systemUTC());
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(new ParameterNamesModule())
                .build();
    }
}
