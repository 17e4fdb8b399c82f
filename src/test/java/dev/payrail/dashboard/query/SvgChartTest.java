package dev.payrail.dashboard.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgChartTest {

    private static final List<SvgChart.Bar> BARS = List.of(new SvgChart.Bar("2026-01-01", 4),
            new SvgChart.Bar("2026-01-02", 0), new SvgChart.Bar("2026-01-03", 8), new SvgChart.Bar("2026-01-04", 2));

    private static Document parse(String svg) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theChartIsNamedDescribedAndLabelledForAssistiveTechnology() throws Exception {
        String svg = SvgChart.render("payments-per-day", "Payments per day", "Payments created each day.", "Day",
                "Payments", BARS);
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("img", root.getAttribute("role"));
        assertEquals("payments-per-day-title", root.getAttribute("aria-labelledby"));
        assertEquals("payments-per-day-desc", root.getAttribute("aria-describedby"));
        Element title = (Element) root.getElementsByTagName("title").item(0);
        assertEquals("Payments per day", title.getTextContent());
        assertEquals("payments-per-day-title", title.getAttribute("id"));
        String desc = root.getElementsByTagName("desc").item(0).getTextContent();
        assertTrue(desc.startsWith("Payments created each day."), desc);
        assertTrue(desc.contains("2026-01-03: 8."), desc);
        String texts = allText(doc, "text");
        for (String label : List.of("Day", "Payments", "0", "8", "2026-01-01", "2026-01-04")) {
            assertTrue(texts.contains("|" + label + "|"), label + " in " + texts);
        }
        assertEquals(4, doc.getElementsByTagName("rect").getLength());
    }

    @Test
    void barHeightsAreProportionalToTheValues() throws Exception {
        Document doc = parse(SvgChart.render("c", "t", "d", "x", "y", BARS));
        var rects = doc.getElementsByTagName("rect");
        double h0 = height(rects.item(0));
        assertEquals(0, height(rects.item(1)));
        assertEquals(2 * h0, height(rects.item(2)), 0.02);
        assertEquals(h0 / 2, height(rects.item(3)), 0.02);
        assertEquals("2026-01-03: 8", ((Element) rects.item(2)).getElementsByTagName("title").item(0).getTextContent());
    }

    @Test
    void theSameInputGivesTheSameBytesInAnyLocale() {
        String a = SvgChart.render("c", "t", "d", "x", "y", BARS);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals(a, SvgChart.render("c", "t", "d", "x", "y", BARS));
        } finally {
            Locale.setDefault(before);
        }
        Matcher m = Pattern.compile("\\d,\\d").matcher(a);
        assertFalse(m.find(), "no decimal commas");
    }

    @Test
    void textIsEscapedAndIdsAreChecked() throws Exception {
        String evil = "</title><script>alert('x')</script>&\"";
        String svg = SvgChart.render("c", evil, evil, evil, evil, List.of(new SvgChart.Bar(evil + "\u0001", 1)));
        assertFalse(svg.contains("<script>"), svg);
        Document doc = parse(svg); // well-formed
        assertEquals(evil, doc.getElementsByTagName("title").item(0).getTextContent());
        assertEquals(0, doc.getElementsByTagName("script").getLength());
        assertThrows(IllegalArgumentException.class, () -> SvgChart.render("a\" onload=\"x", "t", "d", "x", "y", BARS));
        assertThrows(IllegalArgumentException.class,
                () -> SvgChart.render("c", "t", "d", "x", "y", List.of(new SvgChart.Bar("neg", -1))));
    }

    @Test
    void anEmptyOrAllZeroSeriesStillRenders() throws Exception {
        parse(SvgChart.render("c", "t", "d", "x", "y", List.of()));
        Document doc = parse(SvgChart.render("c", "t", "d", "x", "y", List.of(new SvgChart.Bar("a", 0))));
        assertEquals(0, height(doc.getElementsByTagName("rect").item(0)));
    }

    private static double height(org.w3c.dom.Node rect) {
        return Double.parseDouble(((Element) rect).getAttribute("height"));
    }

    private static String allText(Document doc, String tag) {
        StringBuilder sb = new StringBuilder("|");
        var nodes = doc.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            sb.append(nodes.item(i).getTextContent()).append('|');
        }
        return sb.toString();
    }
}
