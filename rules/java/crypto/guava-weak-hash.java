package com.example.cache;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

public class Etags {
    String etag(String body) {
        // ruleid: java.guava-weak-hash
        String a = Hashing.md5().hashString(body, StandardCharsets.UTF_8).toString();
        // ruleid: java.guava-weak-hash
        String b = Hashing.sha1().hashString(body, StandardCharsets.UTF_8).toString();
        // ok: java.guava-weak-hash
        String c = Hashing.sha256().hashString(body, StandardCharsets.UTF_8).toString();
        // ok: java.guava-weak-hash
        int d = Hashing.murmur3_32_fixed().hashString(body, StandardCharsets.UTF_8).asInt();
        return a + b + c + d;
    }
}
