package org.memberhub.command.testing;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;

/** Matches a refusal by its stable code, not by the text of its message. */
public final class Refusals {

    private Refusals() {}

    public static Matcher<DomainException> refusedWith(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException refusal) {
                return refusal.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal with code ").appendValue(code);
            }
        };
    }
}
