package com.example.net;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import org.apache.http.conn.ssl.NoopHostnameVerifier;

public class Hosts {
    void hosts(HttpsURLConnection conn) {
        // ruleid: java.permissive-hostname-verifier
        HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true);
        conn.setHostnameVerifier(new HostnameVerifier() {
            // ruleid: java.permissive-hostname-verifier
            public boolean verify(String hostname, SSLSession session) { return true; }
        });
        // ruleid: java.permissive-hostname-verifier
        Object v = NoopHostnameVerifier.INSTANCE;
        // ok: java.permissive-hostname-verifier
        conn.setHostnameVerifier((hostname, session) -> hostname.endsWith(".example.com"));
        conn.setHostnameVerifier(new HostnameVerifier() {
            // ok: java.permissive-hostname-verifier
            public boolean verify(String hostname, SSLSession session) { return "api.example.com".equals(hostname); }
        });
    }
}
