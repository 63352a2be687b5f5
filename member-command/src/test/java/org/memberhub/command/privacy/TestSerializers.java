package org.memberhub.command.privacy;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.memberhub.kernel.privacy.PersonalDataVault;

/** Opens the package-private serializer to tests of other packages of the command side. */
public final class TestSerializers {

    private TestSerializers() {}

    public static Serializer personalData(JacksonSerializer delegate, PersonalDataVault vault) {
        return new PersonalDataSerializer(delegate, vault);
    }
}
