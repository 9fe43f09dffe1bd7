package dev.srooter.server.audit;

/** One cell of the audit's CSV export. */
final class CsvCell {

    private CsvCell() {
    }

    /**
     * RFC 4180: quote a cell that holds a comma, quote or line break, doubling its quotes. A text that a
     * spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, a tab or carriage return
     * first) gets a leading apostrophe: a model name or a username is caller-chosen text, and an auditor opening
     * the export must not run it.
     */
    static String of(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
