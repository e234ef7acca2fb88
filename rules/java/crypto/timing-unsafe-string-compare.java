package com.example.auth;

import java.util.Base64;

public class Compare {
    boolean check(String stored, byte[] legacyHash, String apiKey, String header, String type) {
        // ruleid: java.timing-unsafe-string-compare
        boolean a = stored.equals(Base64.getEncoder().encodeToString(legacyHash));
        // ruleid: java.timing-unsafe-string-compare
        boolean b = apiKey.equals(header);
        // ok: java.timing-unsafe-string-compare
        boolean c = type.equals("token");
        // ok: java.timing-unsafe-string-compare
        boolean d = "Bearer".equals(header);
        return a && b && c && d;
    }
}
