package com.example.net;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.http.conn.ssl.TrustAllStrategy;
import org.apache.http.ssl.SSLContextBuilder;

public class Trust {
    TrustManager[] all = new TrustManager[] {new X509TrustManager() {
        public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        public void checkClientTrusted(X509Certificate[] certs, String authType) { }
        // ruleid: java.trust-all-certificates
        public void checkServerTrusted(X509Certificate[] certs, String authType) { }
    }};

    Object apache() throws Exception {
        // ruleid: java.trust-all-certificates
        return new SSLContextBuilder().loadTrustMaterial(null, TrustAllStrategy.INSTANCE).build();
    }

    class Pinned implements X509TrustManager {
        public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        public void checkClientTrusted(X509Certificate[] certs, String authType) { }
        // ok: java.trust-all-certificates
        public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
            if (!Pins.matches(certs[0])) {
                throw new CertificateException("pin mismatch");
            }
        }
    }

    Object custom(java.security.KeyStore ks) throws Exception {
        // ok: java.trust-all-certificates
        return new SSLContextBuilder().loadTrustMaterial(ks, null).build();
    }
}
