package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.google.gson.Gson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class EventHandler implements RequestHandler<APIGatewayProxyRequestEvent, String> {
    private static final Logger LOG = LoggerFactory.getLogger(EventHandler.class);
    private static final Gson GSON = new Gson();

    @Override
    public String handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        // ruleid: java.lambda-log-whole-event
        LOG.info("request " + context.getAwsRequestId());
        // ruleid: java.lambda-log-whole-event
        context.getLogger().log("request " + context.getAwsRequestId());
        // ruleid: java.lambda-log-whole-event
        System.out.println("request " + context.getAwsRequestId());
        // ok: java.lambda-log-whole-event
        LOG.info("request id {} path {}", context.getAwsRequestId(), request.getPath());
        // ok: java.lambda-log-whole-event
        context.getLogger().log("route " + request.getResource());
        return "ok";
    }
}

class StreamHandler implements com.amazonaws.services.lambda.runtime.RequestStreamHandler {
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root = MAPPER.readTree(input);
        // ruleid: java.lambda-log-whole-event
        context.getLogger().log("request " + context.getAwsRequestId());
        // ok: java.lambda-log-whole-event
        context.getLogger().log("id " + root.path("id").asText());
    }
}
