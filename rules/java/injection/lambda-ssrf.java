package com.example.hooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

public class WebhookHandler implements RequestHandler<APIGatewayProxyRequestEvent, String> {
    private static final Map<String, String> TARGETS = Map.of("slack", "https://hooks.slack.com/services/T000/B000/XXXX");
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public String handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String callback = request.getQueryStringParameters().get("callback");
        try {
            // ruleid: java.lambda-ssrf
            HttpURLConnection c = (HttpURLConnection) new URL(callback).openConnection();
            // ruleid: java.lambda-ssrf
            HttpRequest r = HttpRequest.newBuilder(URI.create("https://" + request.getHeaders().get("x-partner") + "/notify")).build();
            // ok: java.lambda-ssrf
            HttpRequest s = HttpRequest.newBuilder(URI.create(TARGETS.getOrDefault("slack", ""))).build();
            // ok: java.lambda-ssrf
            URL status = new URL("https://status.example.com/health");
            http.send(r, HttpResponse.BodyHandlers.discarding());
            http.send(s, HttpResponse.BodyHandlers.discarding());
            return c.getResponseCode() + status.toString();
        } catch (Exception e) {
            return "error";
        }
    }
}
