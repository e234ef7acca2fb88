package com.example.crypto;

import javax.crypto.Cipher;

public class Rsa {
    void rsa() throws Exception {
        // ruleid: java.rsa-no-oaep
        Cipher a = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        // ruleid: java.rsa-no-oaep
        Cipher b = Cipher.getInstance("RSA");
        // ruleid: java.rsa-no-oaep
        Cipher c = Cipher.getInstance("RSA/NONE/NoPadding", "BC");
        // ok: java.rsa-no-oaep
        Cipher d = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        // ok: java.rsa-no-oaep
        Cipher e = Cipher.getInstance("AES/GCM/NoPadding");
    }
}
