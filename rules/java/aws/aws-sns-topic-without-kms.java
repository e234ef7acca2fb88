package com.example.tenants;

import com.amazonaws.services.sns.AmazonSNS;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;

public class Topics {
    void topics(SnsClient sns, AmazonSNS legacySns, String tenant, String kmsKey, Map<String, String> attrs) {
        // ruleid: java.aws-sns-topic-without-kms
        sns.createTopic(CreateTopicRequest.builder().name("tenant-" + tenant + "-events").build());
        // ruleid: java.aws-sns-topic-without-kms
        legacySns.createTopic("tenant-" + tenant + "-legacy");
        // ok: java.aws-sns-topic-without-kms
        sns.createTopic(CreateTopicRequest.builder().name("tenant-" + tenant + "-audit").attributes(Map.of("KmsMasterKeyId", kmsKey)).build());
        // ok: java.aws-sns-topic-without-kms
        sns.createTopic(CreateTopicRequest.builder().name("tenant-" + tenant + "-x").attributes(attrs).build());
        // ok: java.aws-sns-topic-without-kms
        kafkaAdmin.createTopic("orders");
    }
}
