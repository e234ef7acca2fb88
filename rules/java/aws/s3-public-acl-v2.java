package com.example.tenants;

import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

public class Logos {
    void logos(String tenant) {
        // ruleid: java.aws-s3-public-acl-v2
        PutObjectRequest a = PutObjectRequest.builder().bucket("b").key(tenant).acl(ObjectCannedACL.PUBLIC_READ).build();
        // ruleid: java.aws-s3-public-acl-v2
        CreateBucketRequest b = CreateBucketRequest.builder().bucket(tenant).acl(BucketCannedACL.PUBLIC_READ_WRITE).build();
        // ok: java.aws-s3-public-acl-v2
        PutObjectRequest c = PutObjectRequest.builder().bucket("b").key(tenant).acl(ObjectCannedACL.PRIVATE).build();
        // ok: java.aws-s3-public-acl-v2
        PutObjectRequest d = PutObjectRequest.builder().bucket("b").key(tenant).acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL).build();
    }
}
