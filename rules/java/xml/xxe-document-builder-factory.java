package com.example.xml;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

public class Parsers {
    Document a(java.io.InputStream in) throws Exception {
        // ruleid: java.xxe-document-builder-factory
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        return dbf.newDocumentBuilder().parse(in);
    }

    Document b(java.io.InputStream in) throws Exception {
        // ruleid: java.xxe-document-builder-factory
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }

    Document c(java.io.InputStream in) throws Exception {
        // ok: java.xxe-document-builder-factory
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return dbf.newDocumentBuilder().parse(in);
    }

    Document d(java.io.InputStream in) throws Exception {
        // ok: java.xxe-document-builder-factory
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return dbf.newDocumentBuilder().parse(in);
    }
}
