package org.memberhub.api.web;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV, with cells that a spreadsheet would run as formulas defused. */
public final class Csv {

    private Csv() {}

    /** One line, ended by CRLF. */
    public static String line(List<?> values) {
        return values.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
