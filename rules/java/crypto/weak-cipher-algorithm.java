package com.example.crypto;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.spec.SecretKeySpec;

public class Ciphers {
    void ciphers(byte[] key) throws Exception {
        // ruleid: java.weak-cipher-algorithm
        Cipher a = Cipher.getInstance("DES/CBC/PKCS5Padding");
        // ruleid: java.weak-cipher-algorithm
        Cipher b = Cipher.getInstance("DESede/ECB/PKCS5Padding");
        // ruleid: java.weak-cipher-algorithm
        Cipher c = Cipher.getInstance("RC4");
        // ruleid: java.weak-cipher-algorithm
        KeyGenerator d = KeyGenerator.getInstance("Blowfish");
        // ok: java.weak-cipher-algorithm
        Cipher e = Cipher.getInstance("AES/GCM/NoPadding");
        // ok: java.weak-cipher-algorithm
        SecretKeySpec f = new SecretKeySpec(key, "AES");
        // ok: java.weak-cipher-algorithm
        Cipher g = Cipher.getInstance("ChaCha20-Poly1305");
    }
}
