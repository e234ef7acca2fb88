package com.example.auth;

import javax.crypto.spec.PBEKeySpec;

public class Passwords {
    void hash(char[] pw, byte[] salt, int configured) {
        // ruleid: java.pbkdf2-low-iterations
        PBEKeySpec a = new PBEKeySpec(pw, salt, 1000, 256);
        // ruleid: java.pbkdf2-low-iterations
        PBEKeySpec b = new PBEKeySpec(pw, salt, 10_000, 256);
        // ok: java.pbkdf2-low-iterations
        PBEKeySpec c = new PBEKeySpec(pw, salt, 600_000, 256);
        // ok: java.pbkdf2-low-iterations
        PBEKeySpec d = new PBEKeySpec(pw, salt, configured, 256);
    }
}
