package com.example.tenants;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

public class Clients {
    void clients(String keyId, String secret) {
        // ruleid: java.aws-hardcoded-credentials
        AWSStaticCredentialsProvider a = new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        // ruleid: java.aws-hardcoded-credentials
        StaticCredentialsProvider b = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"));
        // ok: java.aws-hardcoded-credentials
        StaticCredentialsProvider c = StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret));
        // ok: java.aws-hardcoded-credentials
        StaticCredentialsProvider d = StaticCredentialsProvider.create(AwsBasicCredentials.create(System.getenv("PARTNER_KEY_ID"), System.getenv("PARTNER_SECRET")));
    }
}
