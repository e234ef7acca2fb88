package com.example.web;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;
import org.owasp.encoder.Encode;

public class GreetingHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String name = request.getQueryStringParameters().get("name");
        String page = "<html><body>Hello " + name + "</body></html>";
        if (name.length() > 10) {
            return new APIGatewayProxyResponseEvent().withStatusCode(200)
                // ruleid: java.lambda-xss-html-response
                .withHeaders(Map.of("Content-Type", "text/html")).withBody(page);
        }
        if (name.startsWith("x")) {
            // ruleid: java.lambda-xss-html-response
            return new APIGatewayProxyResponseEvent().withStatusCode(404).withBody("<p>No user " + name + "</p>");
        }
        String safe = "<html><body>Hello " + Encode.forHtml(name) + "</body></html>";
        if (name.startsWith("y")) {
            return new APIGatewayProxyResponseEvent().withStatusCode(200)
                // ok: java.lambda-xss-html-response
                .withHeaders(Map.of("Content-Type", "text/html")).withBody(safe);
        }
        return new APIGatewayProxyResponseEvent().withStatusCode(200)
            // ok: java.lambda-xss-html-response
            .withHeaders(Map.of("Content-Type", "application/json")).withBody("{\"name\":\"" + name + "\"}");
    }
}

class StreamGreeting implements com.amazonaws.services.lambda.runtime.RequestStreamHandler {
    @Override
    public void handleRequest(java.io.InputStream input, java.io.OutputStream output, Context context) throws java.io.IOException {
        String name = new String(input.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        // ruleid: java.lambda-xss-html-response
        output.write(("<html><body>Thanks, " + name + "</body></html>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // ok: java.lambda-xss-html-response
        output.write(("{\"name\":\"" + name + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // ok: java.lambda-xss-html-response
        output.write(("<p>" + Encode.forHtml(name) + "</p>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
