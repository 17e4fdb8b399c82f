package dev.payrail.dashboard.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CsvCellTest {

    @Test
    void formulaTriggersAreNeutralisedAndQuotedPerOwasp() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", PaymentCsvExport.cell("=HYPERLINK(\"http://evil\",\"x\")"));
        assertEquals("\"'+1+2\"", PaymentCsvExport.cell("+1+2"));
        assertEquals("\"'-2+3\"", PaymentCsvExport.cell("-2+3"));
        assertEquals("\"'@SUM(A1)\"", PaymentCsvExport.cell("@SUM(A1)"));
        assertEquals("\"'\t=1\"", PaymentCsvExport.cell("\t=1"));
        assertEquals("\"'\r=1\"", PaymentCsvExport.cell("\r=1"));
        assertEquals("\"'\uFF1D1+1\"", PaymentCsvExport.cell("\uFF1D1+1"), "full-width equals sign");
        assertEquals("a=b", PaymentCsvExport.cell("a=b"), "only the first character matters");
    }

    @Test
    void rfc4180QuotesSeparatorsQuotesAndLineBreaks() {
        assertEquals("plain", PaymentCsvExport.cell("plain"));
        assertEquals("", PaymentCsvExport.cell(null));
        assertEquals("\"a,b\"", PaymentCsvExport.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", PaymentCsvExport.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", PaymentCsvExport.cell("two\nlines"));
        assertEquals("\"cr\rhere\"", PaymentCsvExport.cell("cr\rhere"));
        assertEquals("a,\"b,c\",\r\n", PaymentCsvExport.line(Arrays.asList("a", "b,c", null)));
        assertEquals("id,created_at,order_id,status,method,provider,currency,amount,amount_captured,amount_refunded,"
                + "provider_reference,error_code,decline_code\r\n", PaymentCsvExport.line(PaymentCsvExport.HEADER));
    }
}
