package com.example.imports;

import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;

public class BeanImport {
    Object a(byte[] raw) {
        XMLDecoder d = new XMLDecoder(new ByteArrayInputStream(raw));
        // ruleid: java.xml-decoder
        return d.readObject();
    }

    Object b(byte[] raw) {
        // ruleid: java.xml-decoder
        return new XMLDecoder(new ByteArrayInputStream(raw)).readObject();
    }

    Object c(Reader r) throws Exception {
        // ok: java.xml-decoder
        return r.readObject();
    }

    Object d(byte[] raw) throws Exception {
        com.example.XMLDecoder own = new com.example.XMLDecoder(raw);
        // ok: java.xml-decoder
        return own.readObject();
    }
}
