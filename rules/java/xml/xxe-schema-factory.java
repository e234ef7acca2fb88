package com.example.xml;

import javax.xml.XMLConstants;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

public class Schemas {
    Schema a(java.io.File xsd) throws Exception {
        // ruleid: java.xxe-schema-factory
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return sf.newSchema(xsd);
    }

    Schema b(java.io.File xsd) throws Exception {
        // ruleid: java.xxe-schema-factory
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
    }

    Schema c(java.io.File xsd) throws Exception {
        // ok: java.xxe-schema-factory
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        sf.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        sf.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return sf.newSchema(xsd);
    }

    Schema d(java.io.File xsd) throws Exception {
        // ok: java.xxe-schema-factory
        SchemaFactory sf = SchemaFactory.newDefaultInstance();
        sf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return sf.newSchema(xsd);
    }
}
