package com.example.rules;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import groovy.lang.GroovyShell;
import java.util.Map;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.SimpleBindings;

public class PricingRuleHandler implements RequestHandler<Map<String, String>, Object> {
    @Override
    public Object handleRequest(Map<String, String> input, Context context) {
        try {
            ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
            // ruleid: java.lambda-script-engine-injection
            Object a = engine.eval(input.get("rule"));
            GroovyShell shell = new GroovyShell();
            // ruleid: java.lambda-script-engine-injection
            Object b = shell.evaluate("return " + input.get("expr"));
            SimpleBindings bindings = new SimpleBindings();
            bindings.put("price", input.get("price"));
            // ok: java.lambda-script-engine-injection
            Object c = engine.eval("Number(price) * 1.2", bindings);
            // ok: java.lambda-script-engine-injection
            Object d = engine.eval("1 + 1");
            // ok: java.lambda-script-engine-injection
            Object e = Expressions.evaluate(input.get("rule"));
            return a.toString() + b + c + d + e;
        } catch (Exception ex) {
            return null;
        }
    }
}
