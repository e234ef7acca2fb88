package com.example.orders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    APIGatewayProxyResponseEvent a() {
        try {
            return Orders.list();
        } catch (Exception e) {
            // ruleid: java.exception-in-response
            return new APIGatewayProxyResponseEvent().withStatusCode(500).withBody("{\"error\":\"" + e.getMessage() + "\"}");
        }
    }

    APIGatewayProxyResponseEvent b() {
        try {
            return Orders.list();
        } catch (IllegalStateException ise) {
            return null;
        } catch (RuntimeException ex) {
            // ruleid: java.exception-in-response
            return new APIGatewayProxyResponseEvent().withStatusCode(500).withBody("error: " + ex);
        }
    }

    APIGatewayProxyResponseEvent c() {
        try {
            return Orders.list();
        } catch (Exception e) {
            LOG.error("listing failed", e);
            // ok: java.exception-in-response
            return new APIGatewayProxyResponseEvent().withStatusCode(500).withBody("{\"error\":\"internal error\"}");
        }
    }

    APIGatewayProxyResponseEvent d(String detail) {
        // ok: java.exception-in-response
        return new APIGatewayProxyResponseEvent().withStatusCode(400).withBody("{\"error\":\"" + detail + "\"}");
    }
}
