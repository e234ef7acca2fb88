package com.example.auth;

import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;

public class Cookies {
    Map<String, String> a(String jwt) {
        Map<String, String> headers = new HashMap<>();
        // ruleid: java.cookie-insecure
        headers.put("Set-Cookie", "session=" + jwt + "; Path=/");
        // ruleid: java.cookie-insecure
        headers.put("Set-Cookie", "prefs=" + jwt + "; Path=/; Secure");
        // ok: java.cookie-insecure
        headers.put("Set-Cookie", "refresh=" + jwt + "; Path=/auth; Secure; HttpOnly; SameSite=Strict");
        return headers;
    }

    void b(HttpServletResponse resp, String id) {
        Cookie c = new Cookie("session", id);
        // ruleid: java.cookie-insecure
        resp.addCookie(c);
    }

    void c(HttpServletResponse resp, String id) {
        Cookie c = new Cookie("session", id);
        c.setSecure(true);
        c.setHttpOnly(true);
        // ok: java.cookie-insecure
        resp.addCookie(c);
    }
}
