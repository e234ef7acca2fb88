package com.example.catalog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import groovy.lang.GroovyShell;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

public class PriceHandler implements RequestHandler<APIGatewayProxyRequestEvent, String> {
    private final Document catalog = Catalog.load();

    @Override
    public String handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String sku = request.getPathParameters().get("sku");
        XPath xpath = XPathFactory.newInstance().newXPath();
        try {
            // ruleid: java.lambda-xpath-injection
            String price = xpath.evaluate("/catalog/item[@sku='" + sku + "']/price", catalog);
            // ruleid: java.lambda-xpath-injection
            Object node = xpath.compile("//item[name='" + request.getBody() + "']").evaluate(catalog);
            xpath.setXPathVariableResolver(q -> sku);
            // ok: java.lambda-xpath-injection
            String safe = xpath.evaluate("/catalog/item[@sku=$sku]/price", catalog);
            // ok: java.lambda-xpath-injection
            String count = xpath.evaluate("count(/catalog/item)", catalog);
            XPath xp = XPathFactory.newInstance().newXPath();
            // ruleid: java.lambda-xpath-injection
            String name = xp.evaluate("/catalog/item[@sku='" + sku + "']/name", catalog);
            GroovyShell shell = new GroovyShell();
            // ok: java.lambda-xpath-injection
            Object total = shell.evaluate("return " + sku);
            // ok: java.lambda-xpath-injection
            boolean valid = java.util.regex.Pattern.compile(sku).matcher("x").find();
            return price + node + safe + count + name + total + valid;
        } catch (Exception e) {
            return "error";
        }
    }
}
