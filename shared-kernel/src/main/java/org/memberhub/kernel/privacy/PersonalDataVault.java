package org.memberhub.kernel.privacy;

import java.util.Optional;

/**
 * Keeps one secret key per data subject and encrypts with it. Forgetting a subject destroys its key, which makes
 * everything encrypted with it unreadable wherever it was stored: events, snapshots, dead letters, backups.
 */
public interface PersonalDataVault {

    /** Encrypts with the subject's key, creating the key on first use; fails for a subject already forgotten. */
    byte[] seal(String subject, byte[] plaintext);

    /** Decrypts with the subject's key; empty once the subject has been forgotten. */
    Optional<byte[]> unseal(String subject, byte[] sealed);

    /** Destroys the subject's key for good. */
    void forget(String subject);
}
