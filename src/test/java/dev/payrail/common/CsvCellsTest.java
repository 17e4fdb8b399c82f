package dev.payrail.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** CSV cells: formulas neutralised, plain negative amounts left as numbers. */
class CsvCellsTest {

    @Test
    void aNegativeAmountStaysANumberWhileFormulasAreNeutralised() {
        assertEquals("-5000", CsvCells.cell("-5000"));
        assertEquals("-50.00", CsvCells.cell("-50.00"));
        assertEquals("\"'-2+3\"", CsvCells.cell("-2+3"));
        assertEquals("\"'-50.00+cmd|' /C calc'!A0\"", CsvCells.cell("-50.00+cmd|' /C calc'!A0"));
        assertEquals("\"'-\"", CsvCells.cell("-"));
        assertEquals("\"'=1\"", CsvCells.cell("=1"));
        assertEquals("\"'-1.\"", CsvCells.cell("-1."));
        assertEquals("a,\"b,c\",-1\r\n", CsvCells.line(List.of("a", "b,c", "-1")));
    }
}
