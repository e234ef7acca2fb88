package com.example.plugins;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.Map;
import java.util.function.Supplier;

public class PluginWorker implements RequestHandler<SQSEvent, Void> {
    private static final Map<String, Supplier<Runnable>> PLUGINS = Map.of("resize", Resize::new);

    @Override
    public Void handleRequest(SQSEvent event, Context context) {
        String name = event.getRecords().get(0).getMessageAttributes().get("plugin").getStringValue();
        try {
            // ruleid: java.lambda-reflection-injection
            Object plugin = Class.forName("com.example.plugins." + name).getDeclaredConstructor().newInstance();
            // ruleid: java.lambda-reflection-injection
            Object m = plugin.getClass().getMethod(event.getRecords().get(0).getBody());
            // ok: java.lambda-reflection-injection
            Runnable r = PLUGINS.get(name).get();
            // ok: java.lambda-reflection-injection
            Class<?> fixed = Class.forName("com.example.plugins.Resize");
            r.run();
            context.getLogger().log(String.valueOf(m) + fixed);
        } catch (Exception e) {
            context.getLogger().log("no plugin");
        }
        return null;
    }
}
