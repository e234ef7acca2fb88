package com.example.web;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import javax.servlet.http.HttpServletResponse;

public class DownloadHandler implements RequestHandler<Map<String, String>, String> {
    private final HttpServletResponse response = Responses.current();

    @Override
    public String handleRequest(Map<String, String> input, Context context) {
        String name = input.get("fileName");
        // ruleid: java.lambda-header-injection
        response.setHeader("Content-Disposition", "attachment; filename=" + name);
        // ruleid: java.lambda-header-injection
        response.addHeader("X-Trace", input.get("trace"));
        String clean = name.replaceAll("[^A-Za-z0-9._-]", "_");
        // ok: java.lambda-header-injection
        response.setHeader("Content-Disposition", "attachment; filename=" + clean);
        // ok: java.lambda-header-injection
        response.setHeader("Cache-Control", "no-store");
        return "ok";
    }
}
