package com.example.tenants;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.CreateStreamRequest;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.StartStreamEncryptionRequest;

public class Streams {
    void streams(KinesisClient kinesis, String tenant, String kmsKey) {
        // ruleid: java.aws-kinesis-stream-without-encryption
        kinesis.createStream(CreateStreamRequest.builder().streamName("tenant-" + tenant + "-clicks").shardCount(1).build());
        // ok: java.aws-kinesis-stream-without-encryption
        kinesis.createStream(CreateStreamRequest.builder().streamName("tenant-" + tenant + "-audit").shardCount(1).build());
        kinesis.startStreamEncryption(StartStreamEncryptionRequest.builder().streamName("tenant-" + tenant + "-audit")
            .encryptionType(EncryptionType.KMS).keyId(kmsKey).build());
    }

    void legacy(com.amazonaws.services.kinesis.AmazonKinesis legacyKinesis, String tenant) {
        // ruleid: java.aws-kinesis-stream-without-encryption
        legacyKinesis.createStream("tenant-" + tenant + "-legacy", 1);
    }

    void other(StreamRegistry registry) {
        // ok: java.aws-kinesis-stream-without-encryption
        registry.createStream("not-kinesis");
    }
}
