package dev.streampulse.sim.onvif;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Hardened parsing of requests (no DTDs, no external entities) and local-name navigation. */
final class SoapXml {
    private SoapXml() {
    }

    static Document parse(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        var b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(new ByteArrayInputStream(bytes));
    }

    static Element child(Node parent, String... path) {
        Node cur = parent;
        for (String p : path) {
            Node found = null;
            for (Node n = cur == null ? null : cur.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && p.equals(e.getLocalName())) {
                    found = n;
                    break;
                }
            }
            if (found == null) {
                return null;
            }
            cur = found;
        }
        return (Element) cur;
    }

    static Element firstElement(Node parent) {
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    static String text(Node parent, String... path) {
        Element e = child(parent, path);
        return e == null ? null : e.getTextContent().trim();
    }

    static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : new ArrayList<>(List.of(s.trim().split("\\s+")));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
