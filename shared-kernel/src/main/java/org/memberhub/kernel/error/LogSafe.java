package org.memberhub.kernel.error;

/**
 * Makes text from outside (an external id, an order id, a message of a failure) safe for a log line or an error
 * column: control characters such as CR and LF are escaped, so that no input can forge or split a log line, and
 * overlong text is cut.
 */
public final class LogSafe {

    private static final int MAX_LENGTH = 500;

    private LogSafe() {}

    public static String text(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        StringBuilder safe = null;
        int length = Math.min(text.length(), MAX_LENGTH);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && safe == null) {
                safe = new StringBuilder(length + 16).append(text, 0, i);
            }
            if (safe != null) {
                if (control) {
                    safe.append(String.format("\\u%04x", (int) c));
                } else {
                    safe.append(c);
                }
            }
        }
        String result = safe == null ? text.substring(0, length) : safe.toString();
        return text.length() > MAX_LENGTH ? result + "..." : result;
    }
}
