package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

public class SearchHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final DynamoDbClient ddb = DynamoDbClient.create();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent req, Context ctx) {
        String status = req.getQueryStringParameters().get("status");
        String field = req.getQueryStringParameters().get("field");
        // ruleid: java.lambda-dynamodb-expression-injection
        ddb.scan(ScanRequest.builder().tableName("orders").filterExpression("order_status = " + status).build());
        // ruleid: java.lambda-dynamodb-expression-injection
        ddb.updateItem(UpdateItemRequest.builder().tableName("orders").updateExpression("SET " + field + " = :v").build());
        com.amazonaws.services.dynamodbv2.model.ScanRequest legacy = new com.amazonaws.services.dynamodbv2.model.ScanRequest("orders");
        // ruleid: java.lambda-dynamodb-expression-injection
        legacy.withFilterExpression(String.format("customer = '%s'", req.getPathParameters().get("id")));
        // ok: java.lambda-dynamodb-expression-injection
        ddb.query(QueryRequest.builder().tableName("orders").keyConditionExpression("order_status = :s")
            .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status))).build());
        int min = Integer.parseInt(req.getQueryStringParameters().get("min"));
        // ok: java.lambda-dynamodb-expression-injection
        ddb.scan(ScanRequest.builder().tableName("orders").filterExpression("total > " + min).build());
        return new APIGatewayProxyResponseEvent().withStatusCode(200);
    }
}
