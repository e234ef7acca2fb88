package com.example.rules;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import jakarta.el.ELProcessor;
import java.util.HashMap;
import ognl.Ognl;
import org.mvel2.MVEL;

public class RuleWorker implements RequestHandler<SQSEvent, Void> {
    @Override
    public Void handleRequest(SQSEvent event, Context context) {
        String expr = event.getRecords().get(0).getBody();
        try {
            // ruleid: java.lambda-expression-language-injection
            Object a = Ognl.getValue(expr, new HashMap<>(), new Object());
            // ruleid: java.lambda-expression-language-injection
            Object b = MVEL.eval(expr, new HashMap<String, Object>());
            ELProcessor elp = new ELProcessor();
            // ruleid: java.lambda-expression-language-injection
            Object c = elp.eval(expr);
            HashMap<String, Object> vars = new HashMap<>();
            vars.put("body", expr);
            // ok: java.lambda-expression-language-injection
            Object d = MVEL.eval("body.length()", vars);
            // ok: java.lambda-expression-language-injection
            Object e = Ognl.getValue("name", new HashMap<>(), vars);
            context.getLogger().log(String.valueOf(a) + b + c + d + e);
        } catch (Exception ex) {
            context.getLogger().log("bad rule");
        }
        return null;
    }
}
