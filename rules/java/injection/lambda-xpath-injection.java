package com.example.catalog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
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
            return price + node + safe + count;
        } catch (Exception e) {
            return "error";
        }
    }
}
