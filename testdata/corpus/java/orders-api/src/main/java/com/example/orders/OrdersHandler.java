package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.text.StringEscapeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Orders REST API behind API Gateway (proxy integration). */
public class OrdersHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(OrdersHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TABLE = System.getenv("ORDERS_TABLE");
    private static final Set<String> PARTNER_HOSTS = Set.of("partner-a.example.com", "partner-b.example.com");
    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final JdbcTemplate jdbc = new JdbcTemplate(DataSources.orders());
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        LOG.info("received request {}", request);
        LOG.info("request id {} path {}", context.getAwsRequestId(), request.getPath());
        context.getLogger().log("event: " + request.getBody());
        Map<String, String> q = request.getQueryStringParameters() == null ? Map.of() : request.getQueryStringParameters();
        try {
            switch (request.getPath()) {
                case "/orders":
                    return listOrders(q.get("customer"), q.get("limit"));
                case "/orders/search":
                    return search(q.get("term"), q.get("status"));
                case "/orders/export":
                    return export(q.get("callback"), q.get("partner"));
                case "/orders/continue":
                    return redirect(q.get("next"));
                case "/debug/env":
                    return ok(MAPPER.writeValueAsString(System.getenv()));
                case "/version":
                    return ok("{\"stage\":\"" + System.getenv("STAGE") + "\"}");
                default:
                    return new APIGatewayProxyResponseEvent().withStatusCode(404)
                        .withBody("<html><body><h1>Not found</h1><p>No route for " + request.getPath() + "</p></body></html>");
            }
        } catch (IllegalArgumentException e) {
            return new APIGatewayProxyResponseEvent().withStatusCode(400).withBody("{\"error\":\"bad request\"}");
        } catch (Exception e) {
            LOG.error("request failed", e);
            return new APIGatewayProxyResponseEvent().withStatusCode(500).withBody("{\"error\":\"" + e.getMessage() + "\"}");
        }
    }

    private APIGatewayProxyResponseEvent listOrders(String customer, String limit) throws Exception {
        int max = limit == null ? 50 : Integer.parseInt(limit);
        List<String> ids = new ArrayList<>();
        try (Connection conn = DriverManager.getConnection(System.getenv("JDBC_URL"));
             Statement st = conn.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT id FROM orders WHERE customer_id = '" + customer + "' LIMIT " + max);
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            ResultSet recent = st.executeQuery("SELECT id FROM orders ORDER BY created_at DESC LIMIT " + max);
            while (recent.next()) {
                ids.add(recent.getString(1));
            }
            PreparedStatement ps = conn.prepareStatement("SELECT id FROM returns WHERE customer_id = ?");
            ps.setString(1, customer);
            ResultSet returns = ps.executeQuery();
            while (returns.next()) {
                ids.add(returns.getString(1));
            }
        }
        return ok(MAPPER.writeValueAsString(ids));
    }

    private APIGatewayProxyResponseEvent search(String term, String status) throws Exception {
        LOG.info("search term=" + term);
        LOG.info("search term length={}", term == null ? 0 : term.length());
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM orders WHERE note LIKE '%" + term + "%'");
        rows.addAll(jdbc.queryForList("SELECT * FROM orders WHERE note LIKE ?", "%" + term + "%"));
        jdbc.update("UPDATE search_stats SET hits = hits + 1 WHERE term = '" + term + "'");

        ScanRequest scan = ScanRequest.builder().tableName(TABLE).filterExpression("order_status = " + status).build();
        dynamo.scan(scan);
        QueryRequest query = QueryRequest.builder().tableName(TABLE).keyConditionExpression("order_status = :s")
            .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status))).build();
        dynamo.query(query);
        dynamo.executeStatement(ExecuteStatementRequest.builder().statement("SELECT * FROM \"orders\" WHERE order_status = '" + status + "'").build());
        dynamo.executeStatement(ExecuteStatementRequest.builder().statement("SELECT * FROM \"orders\" WHERE order_status = ?")
            .parameters(AttributeValue.fromS(status)).build());

        String page = "<html><body><h1>Results for " + term + "</h1><p>" + rows.size() + " orders</p></body></html>";
        APIGatewayProxyResponseEvent res = new APIGatewayProxyResponseEvent().withStatusCode(200)
            .withHeaders(Map.of("Content-Type", "text/html; charset=utf-8")).withBody(page);
        String safePage = "<html><body><h1>Results for " + StringEscapeUtils.escapeHtml4(term) + "</h1></body></html>";
        APIGatewayProxyResponseEvent escaped = new APIGatewayProxyResponseEvent().withStatusCode(200)
            .withHeaders(Map.of("Content-Type", "text/html; charset=utf-8")).withBody(safePage);
        APIGatewayProxyResponseEvent echo = ok(MAPPER.writeValueAsString(Map.of("term", term, "count", rows.size())));
        return term.length() > 100 ? escaped : term.isEmpty() ? echo : res;
    }

    private APIGatewayProxyResponseEvent export(String callback, String partner) throws Exception {
        HttpURLConnection conn = (HttpURLConnection) new URL(callback).openConnection();
        conn.setRequestMethod("POST");
        conn.getResponseCode();
        HttpRequest notify = HttpRequest.newBuilder(java.net.URI.create("https://" + partner + "/hooks/orders")).build();
        http.send(notify, HttpResponse.BodyHandlers.discarding());
        if (PARTNER_HOSTS.contains(partner)) {
            HttpRequest audit = HttpRequest.newBuilder(java.net.URI.create("https://audit.example.com/orders/export")).build();
            http.send(audit, HttpResponse.BodyHandlers.discarding());
        }
        try (InputStream in = new URL("https://status.example.com/health").openStream()) {
            in.readAllBytes();
        }
        return ok("{\"exported\":true}");
    }

    private APIGatewayProxyResponseEvent redirect(String next) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Location", next);
        if (next != null && next.startsWith("/") && !next.startsWith("//")) {
            headers.put("Location", "/orders");
        }
        return new APIGatewayProxyResponseEvent().withStatusCode(302).withHeaders(headers);
    }

    private static APIGatewayProxyResponseEvent ok(String json) {
        return new APIGatewayProxyResponseEvent().withStatusCode(200)
            .withHeaders(Map.of("Content-Type", "application/json")).withBody(json);
    }
}
