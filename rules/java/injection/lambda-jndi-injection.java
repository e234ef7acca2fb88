package com.example.legacy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import javax.naming.InitialContext;

public class ResourceHandler implements RequestHandler<Map<String, String>, String> {
    private final Map<String, String> cache = new java.util.HashMap<>();

    @Override
    public String handleRequest(Map<String, String> input, Context context) {
        try {
            InitialContext ctx = new InitialContext();
            // ruleid: java.lambda-jndi-injection
            Object a = ctx.lookup(input.get("resource"));
            // ruleid: java.lambda-jndi-injection
            Object b = InitialContext.doLookup("java:comp/env/" + input.get("name"));
            // ok: java.lambda-jndi-injection
            Object c = ctx.lookup("java:comp/env/jdbc/orders");
            // ok: java.lambda-jndi-injection
            Object d = cache.get(input.get("resource"));
            return String.valueOf(a) + b + c + d;
        } catch (Exception e) {
            return "error";
        }
    }
}
