package com.example.reports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.sql.PreparedStatement;

// A POJO input: its getters carry the caller's data.
public class ReportHandler implements RequestHandler<ReportRequest, String> {
    @Override
    public String handleRequest(ReportRequest input, Context context) {
        try (Connection conn = DriverManager.getConnection(System.getenv("JDBC_URL"));
             Statement st = conn.createStatement()) {
            String table = input.getTable();
            String sql = String.format("SELECT * FROM %s WHERE region = '%s'", table, input.getRegion());
            // ruleid: java.lambda-jdbc-sql-injection
            st.execute(sql);
            // ruleid: java.lambda-jdbc-sql-injection
            st.addBatch("DELETE FROM " + table);
            int days = Integer.parseInt(input.getDays());
            // ok: java.lambda-jdbc-sql-injection
            st.executeUpdate("DELETE FROM reports WHERE age > " + days);
            // ok: java.lambda-jdbc-sql-injection
            st.executeQuery("SELECT 1");
            return "ok";
        } catch (Exception e) {
            return "error";
        }
    }
}

// The Statement is made in the method and runs this query only: the fix
// turns it into a PreparedStatement with the values set by index.
class CustomerHandler implements RequestHandler<Map<String, String>, String> {
    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        try (Connection conn = DriverManager.getConnection(System.getenv("JDBC_URL"))) {
            PreparedStatement st = conn.prepareStatement("SELECT name FROM customers WHERE id = ? AND region = ?");
            // ruleid: java.lambda-jdbc-sql-injection
            st.setObject(1, event.get("id"));
            st.setObject(2, event.get("region"));
            ResultSet rs = st.executeQuery();
            return rs.next() ? rs.getString(1) : "none";
        } catch (Exception e) {
            return "error";
        }
    }
}
