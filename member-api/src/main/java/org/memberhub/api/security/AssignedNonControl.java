package org.memberhub.api.security;

/**
 * The check {@code StrictHttpFirewall} applies to header names and values and parameter names by default (every code
 * point assigned in Unicode and not an ISO control character, the regex {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}),
 * as a loop: printable ASCII passes at the cost of a comparison, so the long {@code Authorization} header, which the
 * firewall checks each time it is read, costs next to nothing.
 */
final class AssignedNonControl {

    private AssignedNonControl() {}

    static boolean test(String text) {
        int length = text.length();
        for (int i = 0; i < length; ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            if (!Character.isDefined(codePoint) || Character.isISOControl(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
