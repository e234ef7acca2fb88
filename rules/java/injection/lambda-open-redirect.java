package com.example.login;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.HashMap;
import java.util.Map;

public class CallbackHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Map<String, String> PAGES = Map.of("home", "/", "orders", "/orders");

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String next = request.getQueryStringParameters().get("next");
        Map<String, String> headers = new HashMap<>();
        // ruleid: java.lambda-open-redirect
        headers.put("Location", next);
        // ruleid: java.lambda-open-redirect
        Map<String, String> h2 = Map.of("Location", "https://" + request.getHeaders().get("Host") + next);
        // ok: java.lambda-open-redirect
        headers.put("Location", PAGES.getOrDefault("home", "/"));
        // ok: java.lambda-open-redirect
        headers.put("X-Next", "/orders");
        return new APIGatewayProxyResponseEvent().withStatusCode(302).withHeaders(next.isEmpty() ? h2 : headers);
    }
}
