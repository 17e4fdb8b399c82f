package dev.payrail.connector.braintree;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Braintree's XML, both ways, without a DOM: a small writer that escapes every text and a StAX
 * reader with DTDs and external entities switched off (no XXE, no entity expansion). Element names
 * are Braintree's dashed ones ({@code order-id}); the reader also accepts the underscored and camel
 * case spellings the SDK's requests use ({@code order_id}, {@code orderId}) by normalising them to dashes.
 */
public final class BraintreeXml {

    private static final XMLInputFactory INPUT = inputFactory();

    private BraintreeXml() {
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return f;
    }

    /** One element: its name, attributes, text (trimmed, {@code null} for {@code nil="true"}) and children. */
    public record Node(String name, Map<String, String> attributes, String text, List<Node> children) {

        /** The first child of that name (a {@code /}-separated path), or {@code null}. */
        public Node child(String path) {
            Node at = this;
            for (String step : path.split("/")) {
                Node found = null;
                for (Node c : at.children) {
                    if (c.name.equals(step)) {
                        found = c;
                        break;
                    }
                }
                if (found == null) {
                    return null;
                }
                at = found;
            }
            return at;
        }

        /** The text of the child at {@code path}; {@code null} when absent, empty or nil. */
        public String text(String path) {
            Node c = child(path);
            return c == null || c.text == null || c.text.isEmpty() ? null : c.text;
        }

        /** Every child of that name. */
        public List<Node> all(String name) {
            List<Node> out = new ArrayList<>();
            for (Node c : children) {
                if (c.name.equals(name)) {
                    out.add(c);
                }
            }
            return out;
        }

        /** Every element of that name anywhere below this one, depth first. */
        public List<Node> descendants(String name) {
            List<Node> out = new ArrayList<>();
            for (Node c : children) {
                if (c.name.equals(name)) {
                    out.add(c);
                }
                out.addAll(c.descendants(name));
            }
            return out;
        }
    }

    /** A document that is not XML, or uses a DTD or entities. */
    public static final class Malformed extends IllegalArgumentException {
        Malformed(String message) {
            super(message);
        }
    }

    /** Reads a document; the root element is returned. */
    public static Node parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new Malformed("empty document");
        }
        XMLStreamReader r = null;
        try {
            r = INPUT.createXMLStreamReader(new StringReader(xml));
            while (r.hasNext()) {
                int e = r.next();
                if (e == XMLStreamConstants.DTD || e == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new Malformed("DTDs and entities are not accepted");
                }
                if (e == XMLStreamConstants.START_ELEMENT) {
                    return element(r, 0);
                }
            }
            throw new Malformed("no root element");
        } catch (XMLStreamException e) {
            throw new Malformed("not XML: " + e.getMessage());
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    private static Node element(XMLStreamReader r, int depth) throws XMLStreamException {
        if (depth > 32) {
            throw new Malformed("nested too deep");
        }
        String name = normal(r.getLocalName());
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        List<Node> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (r.hasNext()) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.START_ELEMENT -> children.add(element(r, depth + 1));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text.append(r.getText());
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                    throw new Malformed("DTDs and entities are not accepted");
                case XMLStreamConstants.END_ELEMENT -> {
                    String t = "true".equals(attributes.get("nil")) ? null : text.toString().trim();
                    return new Node(name, Map.copyOf(attributes), t, List.copyOf(children));
                }
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
        throw new Malformed("unterminated element " + name);
    }

    /** {@code order-id} for {@code order_id} and {@code orderId} too (the SDK writes its request names in camel case). */
    private static String normal(String name) {
        StringBuilder b = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                b.append('-');
            } else if (Character.isUpperCase(c)) {
                if (i > 0) {
                    b.append('-');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    // ---- writing -------------------------------------------------------------------------------

    /** An element to write: text, typed text or children (never both). */
    public static final class Element {
        private final String name;
        private final String type;
        private final String text;
        private final List<Element> children = new ArrayList<>();

        private Element(String name, String type, String text) {
            this.name = name;
            this.type = type;
            this.text = text;
        }

        /** Adds a text child (skipped when {@code value} is null) and returns this element. */
        public Element add(String child, Object value) {
            if (value != null) {
                children.add(new Element(child, value instanceof Boolean ? "boolean"
                        : value instanceof Integer || value instanceof Long ? "integer" : null, value.toString()));
            }
            return this;
        }

        /** Adds a typed text child ({@code type="datetime"}, {@code "symbol"}). */
        public Element typed(String child, String type, String value) {
            if (value != null) {
                children.add(new Element(child, type, value));
            }
            return this;
        }

        /** Adds an element child and returns this element. */
        public Element add(Element child) {
            children.add(child);
            return this;
        }

        /** Adds {@code <name type="array"><item>…</item></name>} of the values. */
        public Element array(String child, List<String> items) {
            Element a = new Element(child, "array", null);
            items.forEach(i -> a.children.add(new Element("item", null, i)));
            children.add(a);
            return this;
        }

        /** Adds {@code <name type="array"/>} holding these elements. */
        public Element arrayOf(String child, List<Element> items) {
            Element a = new Element(child, "array", null);
            a.children.addAll(items);
            children.add(a);
            return this;
        }

        /** The element as a document with the XML declaration. */
        public String document() {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            write(b);
            return b.toString();
        }

        /** The element alone. */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            write(b);
            return b.toString();
        }

        private void write(StringBuilder b) {
            b.append('<').append(name);
            if (type != null) {
                b.append(" type=\"").append(type).append('"');
            }
            if (text == null && children.isEmpty()) {
                b.append(type == null ? " nil=\"true\"/>" : "/>");
                return;
            }
            b.append('>');
            if (text != null) {
                escape(text, b);
            }
            for (Element c : children) {
                c.write(b);
            }
            b.append("</").append(name).append('>');
        }
    }

    /** A new element. */
    public static Element element(String name) {
        return new Element(name, null, null);
    }

    private static void escape(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        continue; // not allowed in XML 1.0
                    }
                    b.append(c);
                }
            }
        }
    }
}
