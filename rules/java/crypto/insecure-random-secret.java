package com.example.auth;

import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.lang3.RandomStringUtils;

public class Tokens {
    private static final SecureRandom RNG = new SecureRandom();

    void tokens() {
        // ruleid: java.insecure-random-secret
        String sessionId = Long.toHexString(new Random().nextLong());
        // ruleid: java.insecure-random-secret
        String otp = String.format("%06d", ThreadLocalRandom.current().nextInt(1000000));
        // ruleid: java.insecure-random-secret
        String resetToken = RandomStringUtils.randomAlphanumeric(32);
        // ok: java.insecure-random-secret
        int jitterMs = new Random().nextInt(250);
        // ok: java.insecure-random-secret
        String apiToken = Long.toHexString(RNG.nextLong());
        // ok: java.insecure-random-secret
        double sample = Math.random();
    }
}
