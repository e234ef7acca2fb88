package com.example.tenants;

import com.amazonaws.services.sqs.AmazonSQS;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

public class Queues {
    void queues(SqsClient sqs, AmazonSQS legacySqs, String tenant, String kmsKey) {
        // ruleid: java.aws-sqs-queue-without-kms
        sqs.createQueue(CreateQueueRequest.builder().queueName("tenant-" + tenant + "-jobs").build());
        // ruleid: java.aws-sqs-queue-without-kms
        legacySqs.createQueue("tenant-" + tenant + "-legacy");
        // ok: java.aws-sqs-queue-without-kms
        sqs.createQueue(CreateQueueRequest.builder().queueName("tenant-" + tenant + "-dlq").attributes(Map.of(QueueAttributeName.KMS_MASTER_KEY_ID, kmsKey)).build());
        // ok: java.aws-sqs-queue-without-kms
        sqs.createQueue(CreateQueueRequest.builder().queueName("tenant-" + tenant + "-x").attributes(Map.of(QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "true")).build());
    }
}
