package com.example.tenants;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;

public class Tables {
    void tables(DynamoDbClient ddb, com.amazonaws.services.dynamodbv2.AmazonDynamoDB legacy, String tenant, String kmsKey) {
        // ruleid: java.aws-dynamodb-table-without-cmk
        ddb.createTable(CreateTableRequest.builder().tableName("tenant-" + tenant)
            .billingMode(BillingMode.PAY_PER_REQUEST).build());
        // ruleid: java.aws-dynamodb-table-without-cmk
        legacy.createTable(new com.amazonaws.services.dynamodbv2.model.CreateTableRequest().withTableName("t-" + tenant));
        // ok: java.aws-dynamodb-table-without-cmk
        ddb.createTable(CreateTableRequest.builder().tableName("tenant-" + tenant + "-secure")
            .sseSpecification(SSESpecification.builder().enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(kmsKey).build())
            .billingMode(BillingMode.PAY_PER_REQUEST).build());
        // ok: java.aws-dynamodb-table-without-cmk
        legacy.createTable(new com.amazonaws.services.dynamodbv2.model.CreateTableRequest().withTableName("s-" + tenant)
            .withSSESpecification(new com.amazonaws.services.dynamodbv2.model.SSESpecification().withEnabled(true)));
    }
}
