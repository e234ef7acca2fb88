package com.example.auth;

import java.util.HashMap;
import java.util.Map;

public class Cors {
    Map<String, String> a() {
        Map<String, String> headers = new HashMap<>();
        // ruleid: java.cors-wildcard-credentials
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Access-Control-Allow-Credentials", "true");
        return headers;
    }

    void b(javax.servlet.http.HttpServletResponse resp) {
        resp.setHeader("Access-Control-Allow-Credentials", "true");
        // ruleid: java.cors-wildcard-credentials
        resp.setHeader("Access-Control-Allow-Origin", "*");
    }

    Map<String, String> c() {
        Map<String, String> headers = new HashMap<>();
        // ok: java.cors-wildcard-credentials
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Access-Control-Allow-Methods", "GET");
        return headers;
    }

    Map<String, String> d(String origin) {
        Map<String, String> headers = new HashMap<>();
        // ok: java.cors-wildcard-credentials
        headers.put("Access-Control-Allow-Origin", "https://app.example.com");
        headers.put("Access-Control-Allow-Credentials", "true");
        return headers;
    }
}
