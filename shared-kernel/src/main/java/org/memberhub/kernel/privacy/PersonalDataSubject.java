package org.memberhub.kernel.privacy;

/** An object holding {@link PersonalData} names whose it is, which selects the key it is encrypted with. */
public interface PersonalDataSubject {

    /** The identifier of the person the object's personal data belongs to. */
    String personalDataSubject();
}
