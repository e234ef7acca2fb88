package com.example.imports;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;

public class Legacy {
    Object a(byte[] raw) throws Exception {
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(raw));
        // ruleid: java.object-input-stream
        return in.readObject();
    }

    Object b(InputStream s) throws Exception {
        try (ObjectInputStream o = new ObjectInputStream(s)) {
            // ruleid: java.object-input-stream
            return o.readUnshared();
        }
    }

    Object c(byte[] raw) throws Exception {
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(raw));
        in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.Item;!*"));
        // ok: java.object-input-stream
        return in.readObject();
    }

    Object d(InputStream s) throws Exception {
        org.apache.commons.io.serialization.ValidatingObjectInputStream v = new org.apache.commons.io.serialization.ValidatingObjectInputStream(s);
        v.accept(Item.class);
        // ok: java.object-input-stream
        return v.readObject();
    }
}
