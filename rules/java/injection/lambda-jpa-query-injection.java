package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import jakarta.persistence.EntityManager;
import java.util.List;

public class OrderQueryHandler implements RequestHandler<APIGatewayProxyRequestEvent, String> {
    private final EntityManager em = Persistence.entityManager();

    @Override
    public String handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String status = request.getQueryStringParameters().get("status");
        // ruleid: java.lambda-jpa-query-injection
        List<?> a = em.createQuery("SELECT o FROM Order o WHERE o.status = '" + status + "'").getResultList();
        // ruleid: java.lambda-jpa-query-injection
        List<?> b = em.createNativeQuery("SELECT * FROM orders ORDER BY " + request.getQueryStringParameters().get("sort")).getResultList();
        // ok: java.lambda-jpa-query-injection
        List<?> c = em.createQuery("SELECT o FROM Order o WHERE o.status = :s").setParameter("s", status).getResultList();
        // ok: java.lambda-jpa-query-injection
        List<?> d = em.createNativeQuery("SELECT * FROM orders WHERE id = ?1").setParameter(1, status).getResultList();
        return a.size() + ":" + b.size() + ":" + c.size() + ":" + d.size();
    }
}
