package org.memberhub.command.privacy;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Encryption of personal data.
 *
 * @param masterKey 32 bytes in Base64 that wrap every member's data key; the same on every instance
 * @param generateMasterKey without a configured master key, keep a generated one in {@code masterKeyFile} (off in
 *     production, where a missing key stops the start)
 * @param masterKeyFile where a generated master key is kept
 */
@ConfigurationProperties("memberhub.privacy")
public record PrivacyProperties(String masterKey, @DefaultValue("true") boolean generateMasterKey, Path masterKeyFile) {

    public PrivacyProperties {
        if (masterKeyFile == null) {
            masterKeyFile = Path.of("data", "personal-data-master-key");
        }
    }
}
