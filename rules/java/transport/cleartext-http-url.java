package com.example.net;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;

public class Endpoints {
    void endpoints() throws Exception {
        // ruleid: java.cleartext-http-url
        HttpRequest a = HttpRequest.newBuilder(URI.create("http://idp.partner.example.com/oauth2/introspect")).build();
        // ruleid: java.cleartext-http-url
        URL b = new URL("http://reports.example.com/upload");
        // ok: java.cleartext-http-url
        HttpRequest c = HttpRequest.newBuilder(URI.create("https://idp.partner.example.com/oauth2/introspect")).build();
        // ok: java.cleartext-http-url
        URI d = URI.create("http://localhost:2773/secretsmanager/get?secretId=db");
        // ok: java.cleartext-http-url
        URI e = URI.create("http://127.0.0.1:9001/2018-06-01/runtime/invocation/next");
    }
}
