package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class AuditHandler implements RequestHandler<APIGatewayProxyRequestEvent, String> {
    private static final Logger LOG = LoggerFactory.getLogger(AuditHandler.class);

    @Override
    public String handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String user = request.getQueryStringParameters().get("user");
        // ruleid: java.lambda-log-injection
        LOG.info("login for " + user);
        // ruleid: java.lambda-log-injection
        context.getLogger().log("body: " + request.getBody());
        // ruleid: java.lambda-log-injection
        System.out.println(String.format("user %s", user));
        com.amazonaws.services.lambda.runtime.LambdaLogger logger = context.getLogger();
        // ruleid: java.lambda-log-injection
        logger.log("delivery " + request.getHeaders().get("x-delivery-id"));
        String clean = user.replaceAll("[\\r\\n]", "_");
        // ok: java.lambda-log-injection
        LOG.info("login for " + clean);
        // ok: java.lambda-log-injection
        LOG.info("request {}", context.getAwsRequestId());
        // ok: java.lambda-log-injection
        LOG.info("body length " + request.getBody().length());
        return "ok";
    }
}
