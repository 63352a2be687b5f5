package org.memberhub.api.docs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.memberhub.kernel.error.ErrorCode;

/**
 * The domain refusals an operation (on a controller: each of its operations) can answer, by their stable codes. The
 * API document lists each under the status its kind is answered with, beside the refusals that every operation of
 * its shape has ({@link OperationRefusals}).
 */
@Documented
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Refuses {

    ErrorCode[] value() default {};

    /** Codes of the API layer's own {@code 400} refusals ({@code ProblemCodes}) beyond those every input has. */
    String[] badRequest() default {};

    /** Codes of the API layer's own {@code 409} refusals ({@code ProblemCodes}). */
    String[] conflict() default {};
}
