package com.example.media;

import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.model.CannedAccessControlList;
import com.amazonaws.services.s3.model.PutObjectRequest;
import java.io.File;

public class Publish {
    void publish(AmazonS3 s3, String bucket, String key, File f) {
        // ruleid: java.aws-s3-public-acl-v1
        s3.putObject(new PutObjectRequest(bucket, key, f).withCannedAcl(CannedAccessControlList.Private));
        // ruleid: java.aws-s3-public-acl-v1
        s3.setObjectAcl(bucket, key, com.amazonaws.services.s3.model.CannedAccessControlList.Private);
        // ok: java.aws-s3-public-acl-v1
        s3.setObjectAcl(bucket, key, CannedAccessControlList.BucketOwnerFullControl);
        // ok: java.aws-s3-public-acl-v1
        s3.setObjectAcl(bucket, key, CannedAccessControlList.Private);
    }
}
