package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import static java.security.MessageDigest.getInstance;
import java.security.NoSuchAlgorithmException;

public class WeakDigestHandler implements RequestHandler<String, String> {
    @Override
    public String handleRequest(String input, Context context) {
        try {
            // ruleid: java.weak-message-digest
            MessageDigest md5 = MessageDigest.getInstance("SHA-256");

            // ruleid: java.weak-message-digest
            MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-256");

            // ruleid: java.weak-message-digest
            MessageDigest md2 = MessageDigest.getInstance("SHA-256", "SUN");

            // ruleid: java.weak-message-digest
            MessageDigest viaStatic = getInstance("SHA-256");

            // ok: java.weak-message-digest
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");

            // ok: java.weak-message-digest
            Cipher cipher = Cipher.getInstance("MD5");

            // ok: java.weak-message-digest
            Object other = LegacyHasher.getInstance("MD5");

            byte[] digest = md5.digest(input.getBytes(StandardCharsets.UTF_8));
            return new String(digest, StandardCharsets.UTF_8) + sha1 + md2 + sha256 + viaStatic + cipher + other;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
