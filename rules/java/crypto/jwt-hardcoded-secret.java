package com.example.auth;

import com.auth0.jwt.algorithms.Algorithm;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.SignatureAlgorithm;

public class Signer {
    // todoruleid: java.jwt-hardcoded-secret
    private static final String JWT_SECRET = "s3cr3t-signing-key-for-partner-portal-2024";
    // ok: java.jwt-hardcoded-secret
    private static final String JWT_ISSUER = "https://auth.example.com/partner-portal";
    private static final String FROM_ENV = System.getenv("JWT_SECRET");

    String sign(String user) {
        // ruleid: java.jwt-hardcoded-secret
        Algorithm a = Algorithm.HMAC256("another-hardcoded-hmac-secret");
        // ruleid: java.jwt-hardcoded-secret
        String t = Jwts.builder().setSubject(user).signWith(SignatureAlgorithm.HS256, "inline-signing-secret-value").compact();
        // ruleid: java.jwt-hardcoded-secret
        Algorithm c = Algorithm.HMAC512("yet-another-inline-hmac-secret");
        // ok: java.jwt-hardcoded-secret
        Algorithm b = Algorithm.HMAC256(FROM_ENV);
        return t + a + b + c;
    }
}
