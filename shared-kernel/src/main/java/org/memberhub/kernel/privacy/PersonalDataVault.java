package org.memberhub.kernel.privacy;

import java.util.Collection;
import java.util.Optional;

/**
 * Keeps one secret key per data subject and encrypts with it. Forgetting a subject destroys its key, which makes
 * everything encrypted with it unreadable wherever it was stored: events, snapshots, dead letters, backups. Both sides
 * use it (the command side seals and forgets, the query side's projectors prefetch keys for a batch), so it is a
 * kernel interface; member-command implements it.
 */
public interface PersonalDataVault {

    /** Encrypts with the subject's key, creating the key on first use; fails for a subject already forgotten. */
    byte[] seal(String subject, byte[] plaintext);

    /** Decrypts with the subject's key; empty once the subject has been forgotten. */
    Optional<byte[]> unseal(String subject, byte[] sealed);

    /** Destroys the subject's key for good. */
    void forget(String subject);

    /**
     * Reads the keys of these subjects at once, for the rest of the current transaction, so that handling a batch of
     * many subjects' events does not ask for their keys one by one. Outside a transaction it does nothing.
     */
    default void prefetch(Collection<String> subjects) {}
}
