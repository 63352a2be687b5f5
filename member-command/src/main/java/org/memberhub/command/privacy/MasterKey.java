package org.memberhub.command.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that wraps every member's data key. It comes from configuration ({@code memberhub.privacy.master-key},
 * 32 bytes in Base64) or, outside production, from a file that is created on first start. All instances sharing a
 * database must use the same master key.
 */
final class MasterKey {

    static final int BYTES = 32;

    private MasterKey() {}

    static SecretKey load(PrivacyProperties properties) {
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return decode(properties.masterKey().strip(), "memberhub.privacy.master-key");
        }
        if (!properties.generateMasterKey()) {
            throw new IllegalStateException("memberhub.privacy.master-key is not set: personal data cannot be"
                    + " encrypted. Set it to 32 random bytes in Base64 (for example: openssl rand -base64 32), the"
                    + " same on every instance, and keep it safe: without it no profile can be read.");
        }
        return loadOrCreate(properties.masterKeyFile());
    }

    private static SecretKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).strip(), file.toString());
            }
            byte[] key = new byte[BYTES];
            new SecureRandom().nextBytes(key);
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "personal-data-master-key", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // no POSIX permissions on this file system; the key stays as readable as the directory allows
            }
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key));
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // another instance on the same data directory created it first: use theirs
                Files.deleteIfExists(temporary);
                return decode(Files.readString(file).strip(), file.toString());
            }
            return new SecretKeySpec(key, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the personal data master key in " + file, e);
        }
    }

    private static SecretKey decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the personal data master key in " + source + " is not Base64");
        }
        if (key.length != BYTES) {
            throw new IllegalStateException(
                    "the personal data master key in " + source + " must be " + BYTES + " bytes, not " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }
}
