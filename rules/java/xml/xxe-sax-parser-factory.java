package com.example.xml;

import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.helpers.DefaultHandler;

public class SaxParsers {
    void a(java.io.InputStream in) throws Exception {
        // ruleid: java.xxe-sax-parser-factory
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.newSAXParser().parse(in, new DefaultHandler());
    }

    void b(java.io.InputStream in) throws Exception {
        // ruleid: java.xxe-sax-parser-factory
        SAXParserFactory.newInstance().newSAXParser().parse(in, new DefaultHandler());
    }

    void c(java.io.InputStream in) throws Exception {
        // ok: java.xxe-sax-parser-factory
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        spf.newSAXParser().parse(in, new DefaultHandler());
    }

    void d(java.io.InputStream in) throws Exception {
        // ok: java.xxe-sax-parser-factory
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.setFeature("http://xml.org/sax/features/external-general-entities", false);
        spf.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        spf.newSAXParser().parse(in, new DefaultHandler());
    }
}
