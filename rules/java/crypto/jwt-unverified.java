package com.example.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;

public class Verify {
    void verify(String token, byte[] key) {
        // ruleid: java.jwt-unverified
        Claims a = Jwts.parser().parseClaimsJwt(token).getBody();
        // ruleid: java.jwt-unverified
        Object b = JWT.require(Algorithm.none()).build().verify(token);
        // ok: java.jwt-unverified
        Claims c = Jwts.parser().setSigningKey(key).parseClaimsJws(token).getBody();
        // ok: java.jwt-unverified
        Object d = JWT.require(Algorithm.HMAC256(key)).build().verify(token);
    }
}
