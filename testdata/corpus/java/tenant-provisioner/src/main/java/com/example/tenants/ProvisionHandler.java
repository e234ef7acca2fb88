package com.example.tenants;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.sns.AmazonSNS;
import com.amazonaws.services.sns.AmazonSNSClientBuilder;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.CreateStreamRequest;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.StartStreamEncryptionRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Creates the per-tenant resources when a tenant signs up (invoked by Step Functions). */
public class ProvisionHandler implements RequestHandler<Map<String, String>, Map<String, String>> {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisionHandler.class);
    private static final String KMS_KEY = System.getenv("TENANT_KMS_KEY");
    private static final String DB_PASSWORD = System.getenv("DB_PASSWORD");

    private final AmazonS3 legacyS3 = AmazonS3ClientBuilder.standard()
        .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))).build();
    private final AmazonSNS legacySns = AmazonSNSClientBuilder.defaultClient();
    private final S3Client s3 = S3Client.builder()
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"))).build();
    private final S3Client s3FromEnv = S3Client.builder().credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build();
    private final SnsClient sns = SnsClient.create();
    private final SqsClient sqs = SqsClient.create();
    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final KinesisClient kinesis = KinesisClient.create();

    @Override
    public Map<String, String> handleRequest(Map<String, String> input, Context context) {
        String tenant = input.get("tenantId").replaceAll("[^a-z0-9-]", "");
        LOG.info("provisioning {}", input);
        LOG.info("provisioning tenant {}", tenant);

        sns.createTopic(CreateTopicRequest.builder().name("tenant-" + tenant + "-events").build());
        sns.createTopic(CreateTopicRequest.builder().name("tenant-" + tenant + "-audit")
            .attributes(Map.of("KmsMasterKeyId", KMS_KEY)).build());
        legacySns.createTopic("tenant-" + tenant + "-legacy");

        sqs.createQueue(CreateQueueRequest.builder().queueName("tenant-" + tenant + "-jobs").build());
        sqs.createQueue(CreateQueueRequest.builder().queueName("tenant-" + tenant + "-dlq")
            .attributes(Map.of(QueueAttributeName.KMS_MASTER_KEY_ID, KMS_KEY)).build());

        dynamo.createTable(CreateTableRequest.builder().tableName("tenant-" + tenant)
            .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
            .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
            .billingMode(BillingMode.PAY_PER_REQUEST).build());
        dynamo.createTable(CreateTableRequest.builder().tableName("tenant-" + tenant + "-secure")
            .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
            .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
            .sseSpecification(SSESpecification.builder().enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(KMS_KEY).build())
            .billingMode(BillingMode.PAY_PER_REQUEST).build());

        kinesis.createStream(CreateStreamRequest.builder().streamName("tenant-" + tenant + "-clicks").shardCount(1).build());
        kinesis.createStream(CreateStreamRequest.builder().streamName("tenant-" + tenant + "-audit").shardCount(1).build());
        kinesis.startStreamEncryption(StartStreamEncryptionRequest.builder().streamName("tenant-" + tenant + "-audit")
            .encryptionType(EncryptionType.KMS).keyId(KMS_KEY).build());

        s3.putObject(PutObjectRequest.builder().bucket("tenant-config").key(tenant + "/settings.json").build(),
            RequestBody.fromString("{}"));
        s3.putObject(PutObjectRequest.builder().bucket("tenant-config").key(tenant + "/logo.png").acl(ObjectCannedACL.PUBLIC_READ)
            .serverSideEncryption(ServerSideEncryption.AES256).build(), RequestBody.fromString("logo"));
        s3.putObject(PutObjectRequest.builder().bucket("tenant-config").key(tenant + "/keys.json")
            .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(KMS_KEY).build(), RequestBody.fromString("{}"));
        s3FromEnv.putObject(PutObjectRequest.builder().bucket("tenant-config").key(tenant + "/readme.txt").acl(ObjectCannedACL.PRIVATE)
            .serverSideEncryption(ServerSideEncryption.AES256).build(), RequestBody.fromString("hello"));
        legacyS3.setObjectAcl("tenant-config", tenant + "/index.html", com.amazonaws.services.s3.model.CannedAccessControlList.PublicReadWrite);
        return Map.of("tenant", tenant);
    }

    static java.sql.Connection catalogDb() throws java.sql.SQLException {
        if (DB_PASSWORD != null) {
            return java.sql.DriverManager.getConnection(System.getenv("JDBC_URL"), "tenant_admin", DB_PASSWORD);
        }
        return java.sql.DriverManager.getConnection(System.getenv("JDBC_URL"), "tenant_admin", "pR0d-Tenant-Passw0rd-91x7");
    }

    /** Local health endpoint used when the handler runs in the SAM local container. */
    static HttpServer healthServer(boolean local) throws java.io.IOException {
        if (local) {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
        }
        return HttpServer.create(new InetSocketAddress("0.0.0.0", 8080), 0);
    }

    static java.net.ServerSocket debugSocket() throws java.io.IOException {
        java.net.ServerSocket s = new java.net.ServerSocket();
        s.bind(new InetSocketAddress(java.net.InetAddress.getByName("0.0.0.0"), 5005));
        java.net.ServerSocket loop = new java.net.ServerSocket(5006, 50, java.net.InetAddress.getLoopbackAddress());
        return loop.isBound() ? s : loop;
    }
}
