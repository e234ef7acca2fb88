package com.example.rules;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

public class FilterHandler implements RequestHandler<APIGatewayProxyRequestEvent, String> {
    private static final String DISCOUNT = "#price * 0.9";
    private final ExpressionParser parser = new SpelExpressionParser();

    @Override
    public String handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String filter = request.getQueryStringParameters().get("filter");
        // ruleid: java.lambda-spel-injection
        Object a = parser.parseExpression(filter).getValue(new StandardEvaluationContext());
        // ruleid: java.lambda-spel-injection
        Object b = new SpelExpressionParser().parseExpression("#root." + request.getBody()).getValue();
        StandardEvaluationContext ctx = new StandardEvaluationContext();
        ctx.setVariable("price", Double.valueOf(request.getQueryStringParameters().get("price")));
        // ok: java.lambda-spel-injection
        Object c = parser.parseExpression(DISCOUNT).getValue(ctx);
        // ok: java.lambda-spel-injection
        Object d = parser.parseExpression("'constant'").getValue();
        return String.valueOf(a) + b + c + d;
    }
}
