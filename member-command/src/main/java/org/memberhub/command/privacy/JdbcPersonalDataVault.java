package org.memberhub.command.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.memberhub.kernel.privacy.PersonalDataVault;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps each subject's AES-256 key in {@code personal_data_key}, wrapped with the master key, and encrypts with AES-GCM
 * bound to the subject (the subject is the associated data, so a ciphertext cannot be passed off as another
 * member's). Keys are read from the table at each use, never cached beyond a transaction: once one instance forgets a
 * subject, no instance can decrypt its data any more. Key rows join the caller's transaction, so a key is created with
 * the first event that needs it, and destroyed with the event that records the erasure. Within one transaction (a
 * projection applying a batch of events), {@link #prefetch} reads many subjects' keys with one query; they are used
 * until that transaction ends, exactly as if each had been read when it was needed.
 */
class JdbcPersonalDataVault implements PersonalDataVault {

    private static final byte FORMAT = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";
    /** Subjects per query when prefetching: well below every driver's limit of bind parameters. */
    private static final int PREFETCH_CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final SecretKey masterKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    JdbcPersonalDataVault(JdbcTemplate jdbc, SecretKey masterKey, Clock clock) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.clock = clock;
    }

    @Override
    public byte[] seal(String subject, byte[] plaintext) {
        SecretKey key = key(subject).orElseGet(() -> create(subject));
        return encrypt(key, subject, plaintext);
    }

    @Override
    public Optional<byte[]> unseal(String subject, byte[] sealed) {
        return key(subject).map(key -> decrypt(key, subject, sealed));
    }

    @Override
    public void forget(String subject) {
        Timestamp now = Timestamp.from(clock.instant());
        int forgotten = jdbc.update(
                "UPDATE personal_data_key SET wrapped_key = NULL, forgotten_at = ? WHERE subject = ?", now, subject);
        if (forgotten == 0) {
            jdbc.update(
                    "INSERT INTO personal_data_key (subject, wrapped_key, created_at, forgotten_at) VALUES (?, NULL, ?, ?)",
                    subject,
                    now,
                    now);
        }
        Map<String, Optional<SecretKey>> prefetched = prefetched(false);
        if (prefetched != null) {
            prefetched.put(subject, Optional.empty());
        }
    }

    @Override
    public void prefetch(Collection<String> subjects) {
        Map<String, Optional<SecretKey>> prefetched = prefetched(true);
        if (prefetched == null) {
            return;
        }
        List<String> missing = subjects.stream()
                .filter(subject -> !prefetched.containsKey(subject))
                .distinct()
                .toList();
        for (int from = 0; from < missing.size(); from += PREFETCH_CHUNK) {
            List<String> chunk = missing.subList(from, Math.min(missing.size(), from + PREFETCH_CHUNK));
            jdbc.query(
                    "SELECT subject, wrapped_key FROM personal_data_key WHERE subject IN ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")",
                    row -> {
                        String subject = row.getString(1);
                        byte[] wrapped = row.getBytes(2);
                        prefetched.put(subject, unwrap(subject, wrapped));
                    },
                    chunk.toArray());
        }
    }

    /**
     * The keys read ahead in the current transaction, made on demand when {@code create} is set; {@code null} outside a
     * transaction. A subject with no key row at all is not recorded: its key is read again when needed.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Optional<SecretKey>> prefetched(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, Optional<SecretKey>> keys =
                (Map<String, Optional<SecretKey>>) TransactionSynchronizationManager.getResource(this);
        if (keys == null && create) {
            Map<String, Optional<SecretKey>> created = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(JdbcPersonalDataVault.this);
                }
            });
            keys = created;
        }
        return keys;
    }

    /** The subject's key; empty when the subject has none yet or has been forgotten. */
    private Optional<SecretKey> key(String subject) {
        Map<String, Optional<SecretKey>> prefetched = prefetched(false);
        if (prefetched != null) {
            Optional<SecretKey> known = prefetched.get(subject);
            if (known != null) {
                return known;
            }
        }
        return storedKey(subject);
    }

    /** The subject's key as stored now; empty when the subject has none yet or has been forgotten. */
    private Optional<SecretKey> storedKey(String subject) {
        List<byte[]> wrapped = jdbc.query(
                "SELECT wrapped_key FROM personal_data_key WHERE subject = ?",
                (row, i) -> {
                    byte[] bytes = row.getBytes(1);
                    return bytes == null ? new byte[0] : bytes;
                },
                subject);
        return wrapped.isEmpty() ? Optional.empty() : unwrap(subject, wrapped.get(0));
    }

    /** A stored key unwrapped with the master key; empty for a forgotten subject (no wrapped key). */
    private Optional<SecretKey> unwrap(String subject, byte[] wrapped) {
        if (wrapped == null || wrapped.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new SecretKeySpec(decrypt(masterKey, subject, wrapped), "AES"));
    }

    private SecretKey create(String subject) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        int created = jdbc.update(
                "INSERT INTO personal_data_key (subject, wrapped_key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                subject,
                encrypt(masterKey, subject, key),
                Timestamp.from(clock.instant()));
        if (created == 0) {
            // the subject has been forgotten, or another transaction created its key first
            return storedKey(subject)
                    .orElseThrow(() -> new IllegalStateException(
                            "personal data of subject " + subject + " has been erased; nothing can be stored for it"));
        }
        return new SecretKeySpec(key, "AES");
    }

    private byte[] encrypt(SecretKey key, String subject, byte[] plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + IV_BYTES + ciphertext.length)
                    .put(FORMAT)
                    .put(iv)
                    .put(ciphertext)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt personal data", e);
        }
    }

    private static byte[] decrypt(SecretKey key, String subject, byte[] sealed) {
        if (sealed.length < 1 + IV_BYTES || sealed[0] != FORMAT) {
            throw new IllegalStateException("personal data of subject " + subject + " is not in a known format");
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
            cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
        } catch (GeneralSecurityException e) {
            // a wrong master key or tampered data: an error to fix, never to be mistaken for an erasure
            throw new IllegalStateException(
                    "cannot decrypt personal data of subject " + subject
                            + ": is memberhub.privacy.master-key the one it was encrypted with?",
                    e);
        }
    }
}
