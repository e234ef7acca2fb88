package com.example.search;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.regex.Pattern;

public class GrepHandler implements RequestHandler<APIGatewayProxyRequestEvent, String> {
    private static final String TEXT = Corpus.text();

    @Override
    public String handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String q = request.getQueryStringParameters().get("q");
        // ruleid: java.lambda-regex-injection
        boolean a = Pattern.compile(q).matcher(TEXT).find();
        // ruleid: java.lambda-regex-injection
        boolean b = TEXT.matches(".*" + q + ".*");
        String quoted = Pattern.quote(q);
        // ok: java.lambda-regex-injection
        boolean c = Pattern.compile(quoted).matcher(TEXT).find();
        // ok: java.lambda-regex-injection
        boolean c2 = Pattern.compile(Pattern.quote(q)).matcher(TEXT).find();
        // ok: java.lambda-regex-injection
        String[] parts = q.split(",");
        return a + ":" + b + ":" + c + ":" + c2 + ":" + parts.length;
    }
}
