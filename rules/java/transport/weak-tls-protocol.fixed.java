package com.example.net;

import javax.net.ssl.SSLContext;

public class Contexts {
    void contexts() throws Exception {
        // ruleid: java.weak-tls-protocol
        SSLContext a = SSLContext.getInstance("TLSv1.3");
        // ruleid: java.weak-tls-protocol
        SSLContext b = SSLContext.getInstance("TLSv1.3");
        // ok: java.weak-tls-protocol
        SSLContext c = SSLContext.getInstance("TLSv1.3");
        // ok: java.weak-tls-protocol
        SSLContext d = SSLContext.getInstance("TLS");
    }
}
