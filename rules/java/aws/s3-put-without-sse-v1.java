package com.example.media;

import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.CannedAccessControlList;
import com.amazonaws.services.s3.model.PutObjectRequest;
import com.amazonaws.services.s3.model.SSEAwsKeyManagementParams;
import java.io.File;

public class Uploads {
    private final AmazonS3 s3 = AmazonS3ClientBuilder.standard().build();

    void upload(String bucket, String key, File f, String kmsKey) {
        // ruleid: java.aws-s3-put-without-sse-v1
        s3.putObject(bucket, key, f);
        // ruleid: java.aws-s3-put-without-sse-v1
        s3.putObject(new PutObjectRequest(bucket, key, f).withCannedAcl(CannedAccessControlList.Private));
        // ok: java.aws-s3-put-without-sse-v1
        s3.putObject(new PutObjectRequest(bucket, key, f).withSSEAwsKeyManagementParams(new SSEAwsKeyManagementParams(kmsKey)));
        // ok: java.aws-s3-put-without-sse-v1
        cache.putObject(bucket, key, f);
    }
}
