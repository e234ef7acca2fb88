package com.example.xml;

import javax.xml.XMLConstants;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;

public class Transforms {
    Transformer a() throws Exception {
        // ruleid: java.xxe-transformer-factory
        TransformerFactory tf = TransformerFactory.newInstance();
        return tf.newTransformer();
    }

    Transformer b() throws Exception {
        // ruleid: java.xxe-transformer-factory
        return TransformerFactory.newInstance().newTransformer();
    }

    Transformer c() throws Exception {
        // ok: java.xxe-transformer-factory
        TransformerFactory tf = TransformerFactory.newInstance();
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return tf.newTransformer();
    }

    Transformer d() throws Exception {
        // ok: java.xxe-transformer-factory
        TransformerFactory tf = TransformerFactory.newInstance();
        tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return tf.newTransformer();
    }
}
