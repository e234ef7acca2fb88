package com.example.tenants;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

public class Config {
    private final S3Client s3 = S3Client.create();

    void save(String tenant, String kmsKey) {
        // ruleid: java.aws-s3-put-without-sse-v2
        s3.putObject(PutObjectRequest.builder().bucket("tenant-config").key(tenant + "/settings.json").build(),
            RequestBody.fromString("{}"));
        // ruleid: java.aws-s3-put-without-sse-v2
        PutObjectRequest req = PutObjectRequest.builder().bucket("tenant-config").key(tenant + "/a.json").contentType("application/json").build();
        // ok: java.aws-s3-put-without-sse-v2
        s3.putObject(PutObjectRequest.builder().bucket("tenant-config").key(tenant + "/keys.json")
            .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKey).build(), RequestBody.fromString("{}"));
        // ok: java.aws-s3-put-without-sse-v2
        Object other = GetObjectRequest.builder().bucket("tenant-config").key(tenant).build();
    }
}
