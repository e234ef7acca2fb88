package com.example.xml;

import org.dom4j.io.SAXReader;
import org.jdom2.input.SAXBuilder;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLReaderFactory;

public class Readers {
    void a(org.xml.sax.InputSource in) throws Exception {
        // ruleid: java.xxe-xml-reader
        XMLReader r = XMLReaderFactory.createXMLReader();
        r.parse(in);
    }

    Object b(java.io.InputStream in) throws Exception {
        // ruleid: java.xxe-xml-reader
        SAXBuilder builder = new SAXBuilder();
        return builder.build(in);
    }

    Object c(java.io.InputStream in) throws Exception {
        // ok: java.xxe-xml-reader
        SAXReader reader = new SAXReader();
        reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return reader.read(in);
    }

    Object d(java.io.InputStream in) throws Exception {
        // ok: java.xxe-xml-reader
        SAXBuilder builder = new SAXBuilder();
        builder.setExpandEntities(false);
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return builder.build(in);
    }
}
