package com.example.crypto;

import java.security.KeyPairGenerator;
import java.security.spec.RSAKeyGenParameterSpec;

public class Keys {
    void keys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        // ruleid: java.weak-key-size
        rsa.initialize(1024);
        // ruleid: java.weak-key-size
        rsa.initialize(new RSAKeyGenParameterSpec(512, RSAKeyGenParameterSpec.F4));
        KeyPairGenerator strong = KeyPairGenerator.getInstance("RSA");
        // ok: java.weak-key-size
        strong.initialize(3072);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        // ok: java.weak-key-size
        ec.initialize(256);
    }
}
