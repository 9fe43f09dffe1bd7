package dev.srooter.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Issue 17, item 8: the CSV export did not neutralise formulas in caller-chosen text. */
class CsvCellTest {

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaIsNeutralised() {
        assertEquals("'=cmd|' /C calc'!A0", CsvCell.of("=cmd|' /C calc'!A0"));
        assertEquals("'+1", CsvCell.of("+1"));
        assertEquals("'-2+3", CsvCell.of("-2+3"));
        assertEquals("'@SUM(A1)", CsvCell.of("@SUM(A1)"));
        assertEquals("'\tx", CsvCell.of("\tx"));
        assertEquals("claude-sonnet-4-5", CsvCell.of("claude-sonnet-4-5"));
        assertEquals("-1", CsvCell.of(-1), "a number is a number");
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", CsvCell.of("=HYPERLINK(\"http://x\",\"y\")"),
                "neutralised, then quoted");
    }
}
