package com.example.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

public class Seeds {
    void seeds(byte[] entropy) throws Exception {
        SecureRandom a = SecureRandom.getInstance("SHA1PRNG");
        // ruleid: java.securerandom-fixed-seed
        a.setSeed(42L);
        // ruleid: java.securerandom-fixed-seed
        SecureRandom b = new SecureRandom("fixed-seed".getBytes(StandardCharsets.UTF_8));
        SecureRandom c = new SecureRandom();
        // ok: java.securerandom-fixed-seed
        c.setSeed(entropy);
        // ok: java.securerandom-fixed-seed
        SecureRandom d = new SecureRandom();
    }
}
