package com.example.xml;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

public class StaxParsers {
    XMLStreamReader a(java.io.Reader r) throws Exception {
        // ruleid: java.xxe-xml-input-factory
        XMLInputFactory f = XMLInputFactory.newInstance();
        return f.createXMLStreamReader(r);
    }

    XMLStreamReader b(java.io.Reader r) throws Exception {
        // ruleid: java.xxe-xml-input-factory
        return XMLInputFactory.newFactory().createXMLStreamReader(r);
    }

    XMLStreamReader c(java.io.Reader r) throws Exception {
        // ok: java.xxe-xml-input-factory
        XMLInputFactory f = XMLInputFactory.newInstance();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        return f.createXMLStreamReader(r);
    }

    XMLStreamReader d(java.io.Reader r) throws Exception {
        // ok: java.xxe-xml-input-factory
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty("javax.xml.stream.isSupportingExternalEntities", false);
        return f.createXMLStreamReader(r);
    }
}
