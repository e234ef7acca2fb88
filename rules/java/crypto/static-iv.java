package com.example.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

public class Ivs {
    void ivs() {
        // ruleid: java.static-iv
        IvParameterSpec a = new IvParameterSpec(new byte[16]);
        // ruleid: java.static-iv
        IvParameterSpec b = new IvParameterSpec("0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        // ruleid: java.static-iv
        GCMParameterSpec c = new GCMParameterSpec(128, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        // ok: java.static-iv
        GCMParameterSpec d = new GCMParameterSpec(128, iv);
        // ok: java.static-iv
        IvParameterSpec e = new IvParameterSpec(iv);
    }
}
