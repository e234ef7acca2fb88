package com.example.imports;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.security.NoTypePermission;

public class CatalogXml {
    Object a(String xml) {
        XStream x = new XStream();
        // ruleid: java.xstream-no-allowlist
        return x.fromXML(xml);
    }

    Object b(String xml) {
        XStream x = new XStream(new com.thoughtworks.xstream.io.xml.StaxDriver());
        x.alias("item", Item.class);
        // ruleid: java.xstream-no-allowlist
        return x.fromXML(xml);
    }

    Object c(String xml) {
        XStream x = new XStream();
        x.allowTypes(new Class[] {Item.class});
        // ok: java.xstream-no-allowlist
        return x.fromXML(xml);
    }

    Object d(String xml) {
        XStream x = new XStream();
        x.addPermission(NoTypePermission.NONE);
        x.allowTypeHierarchy(Item.class);
        // ok: java.xstream-no-allowlist
        return x.fromXML(xml);
    }
}
