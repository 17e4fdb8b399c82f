package dev.payrail.common;

import java.util.List;

/**
 * CSV lines as RFC 4180 writes them (comma separated, CRLF line ends), with text cells made safe for
 * spreadsheets (OWASP CSV injection): a cell beginning with {@code = + - @}, tab or carriage return
 * (or their full-width forms) gets a leading {@code '} and is quoted; a plain number ({@code -50.00}) is left
 * as it is, since a spreadsheet reads it as that number. Shared by every CSV the
 * gateway streams (the dashboard's payment export, the reports).
 */
public final class CsvCells {

    private static final java.util.regex.Pattern NEGATIVE_NUMBER = java.util.regex.Pattern.compile("-[0-9]{1,30}(\\.[0-9]{1,30})?");

    private CsvCells() {
    }

    /** The cells as one CSV line ending with CRLF. */
    public static String line(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        return sb.append("\r\n").toString();
    }

    /** One cell: neutralised when a spreadsheet would read it as a formula, quoted when RFC 4180 requires. */
    public static String cell(String value) {
        String v = value == null ? "" : value;
        boolean formula = !v.isEmpty() && "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20".indexOf(v.charAt(0)) >= 0
                && !NEGATIVE_NUMBER.matcher(v).matches();
        if (formula) {
            v = "'" + v;
        }
        if (formula || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
