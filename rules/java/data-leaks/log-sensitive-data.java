package com.example.auth;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

public class Login {
    private static final Logger LOG = LoggerFactory.getLogger(Login.class);

    void login(String user, String password, Map<String, String> headers, AwsCredentials creds) {
        // ruleid: java.log-sensitive-data
        LOG.debug("login attempt user={} password={}", user, password);
        // ruleid: java.log-sensitive-data
        LOG.info("authorization header {}", headers.get("Authorization"));
        // ruleid: java.log-sensitive-data
        LOG.info("using key " + creds.secretAccessKey());
        // ok: java.log-sensitive-data
        LOG.info("login attempt user={}", user);
        // ok: java.log-sensitive-data
        LOG.info("password reset requested for {}", user);
        // ok: java.log-sensitive-data
        LOG.info("token length {}", password.length());
    }
}
