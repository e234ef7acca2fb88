package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;

public class CleanupWorker implements RequestHandler<SQSEvent, Void> {
    private final DynamoDbClient ddb = DynamoDbClient.create();

    @Override
    public Void handleRequest(SQSEvent event, Context ctx) {
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            String id = m.getBody();
            // ruleid: java.lambda-dynamodb-partiql-injection
            ddb.executeStatement(ExecuteStatementRequest.builder().statement("DELETE FROM \"orders\" WHERE id = '" + id + "'").build());
            String stmt = "SELECT * FROM \"orders\" WHERE customer = '" + m.getMessageAttributes().get("customer").getStringValue() + "'";
            // ruleid: java.lambda-dynamodb-partiql-injection
            BatchStatementRequest b = BatchStatementRequest.builder().statement(stmt).build();
            // ok: java.lambda-dynamodb-partiql-injection
            ddb.executeStatement(ExecuteStatementRequest.builder().statement("DELETE FROM \"orders\" WHERE id = ?")
                .parameters(AttributeValue.fromS(id)).build());
            // ok: java.lambda-dynamodb-partiql-injection
            ddb.executeStatement(ExecuteStatementRequest.builder().statement("SELECT * FROM \"orders\"").build());
        }
        return null;
    }
}
