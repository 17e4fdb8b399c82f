package dev.payrail.dashboard.query;

import java.util.List;
import java.util.Locale;

/**
 * A time series as an inline SVG bar chart for a server-rendered page: deterministic (the same
 * input gives the same bytes), pure Java, every text escaped. Accessible: {@code role="img"} named
 * by its {@code <title>} and described by its {@code <desc>} (which also lists the values, for
 * screen readers), an x-axis and a y-axis label, the y scale's 0 and maximum, the first and last
 * x label, and a {@code <title>} per bar ("label: value").
 */
public final class SvgChart {

    /** One bar. */
    public record Bar(String label, long value) {
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 240;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 44;

    private SvgChart() {
    }

    /**
     * The chart. {@code id} prefixes the element ids (unique per page: letters, digits, '-', '_');
     * {@code title} and {@code description} name and describe it; {@code xLabel}/{@code yLabel}
     * name the axes.
     */
    public static String render(String id, String title, String description, String xLabel, String yLabel,
            List<Bar> bars) {
        if (id == null || !id.matches("[A-Za-z][A-Za-z0-9_-]{0,63}")) {
            throw new IllegalArgumentException("id must be letters, digits, '-' or '_', starting with a letter");
        }
        long max = 0;
        for (Bar b : bars) {
            if (b.value() < 0) {
                throw new IllegalArgumentException("values must not be negative");
            }
            max = Math.max(max, b.value());
        }
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        int baseY = TOP + plotH;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title\" aria-describedby=\"")
                .append(id).append("-desc\">");
        s.append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>");
        s.append("<desc id=\"").append(id).append("-desc\">").append(escape(description));
        for (Bar b : bars) {
            s.append(' ').append(escape(b.label())).append(": ").append(b.value()).append('.');
        }
        s.append("</desc>");
        // axes
        s.append("<g class=\"axes\" stroke=\"currentColor\" stroke-width=\"1\">")
                .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(baseY).append("\"/>")
                .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(baseY).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(baseY).append("\"/></g>");
        s.append("<g class=\"labels\" font-size=\"11\" fill=\"currentColor\">");
        text(s, LEFT - 6, baseY + 4, "end", "0");
        text(s, LEFT - 6, TOP + 8, "end", Long.toString(max));
        if (!bars.isEmpty()) {
            text(s, LEFT, baseY + 16, "start", bars.get(0).label());
            if (bars.size() > 1) {
                text(s, WIDTH - RIGHT, baseY + 16, "end", bars.get(bars.size() - 1).label());
            }
        }
        text(s, LEFT + plotW / 2, HEIGHT - 6, "middle", xLabel);
        s.append("<text x=\"14\" y=\"").append(TOP + plotH / 2).append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
                .append(TOP + plotH / 2).append(")\">").append(escape(yLabel)).append("</text>");
        s.append("</g>");
        // bars
        s.append("<g class=\"bars\" fill=\"currentColor\">");
        if (!bars.isEmpty()) {
            double slot = (double) plotW / bars.size();
            double barW = Math.max(1, slot * 0.8);
            for (int i = 0; i < bars.size(); i++) {
                Bar b = bars.get(i);
                double h = max == 0 ? 0 : (double) b.value() * plotH / max;
                s.append("<rect x=\"").append(num(LEFT + i * slot + (slot - barW) / 2)).append("\" y=\"")
                        .append(num(baseY - h)).append("\" width=\"").append(num(barW)).append("\" height=\"")
                        .append(num(h)).append("\"><title>").append(escape(b.label())).append(": ").append(b.value())
                        .append("</title></rect>");
            }
        }
        s.append("</g></svg>");
        return s.toString();
    }

    private static void text(StringBuilder s, int x, int y, String anchor, String value) {
        s.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor)
                .append("\">").append(escape(value)).append("</text>");
    }

    /** Two decimals at most, '.' as separator whatever the default locale. */
    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.endsWith(".00") ? s.substring(0, s.length() - 3) : s;
    }

    /** XML text and attribute escaping; control characters XML 1.0 forbids are dropped. */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
