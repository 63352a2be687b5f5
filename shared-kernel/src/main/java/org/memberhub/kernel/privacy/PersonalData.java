package org.memberhub.kernel.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a stored message or snapshot as personal data of the subject the object names through
 * {@link PersonalDataSubject}. It is stored encrypted with a key of that subject, and erasing the subject destroys the
 * key: the field then reads as the value its type's static {@code erased()} method returns, everywhere it was stored.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {}
