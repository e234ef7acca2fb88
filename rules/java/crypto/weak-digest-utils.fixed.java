package com.example.cache;

import org.apache.commons.codec.digest.DigestUtils;

public class Keys {
    String keys(String body, String password) {
        // ruleid: java.weak-digest-utils
        String a = org.apache.commons.codec.digest.DigestUtils.sha256Hex(password);
        // ruleid: java.weak-digest-utils
        String b = org.apache.commons.codec.digest.DigestUtils.sha256Hex(body);
        // ok: java.weak-digest-utils
        String c = DigestUtils.sha256Hex(body);
        // ok: java.weak-digest-utils
        String d = DigestUtils.sha512Hex(body);
        return a + b + c + d;
    }
}
