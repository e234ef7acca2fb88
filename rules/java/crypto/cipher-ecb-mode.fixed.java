package com.example.crypto;

import javax.crypto.Cipher;

public class Modes {
    void modes() throws Exception {
        // ruleid: java.cipher-ecb-mode
        Cipher a = Cipher.getInstance("AES/GCM/NoPadding");
        // ruleid: java.cipher-ecb-mode
        Cipher b = Cipher.getInstance("AES/GCM/NoPadding");
        // ok: java.cipher-ecb-mode
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        // ok: java.cipher-ecb-mode
        Cipher d = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    }
}
