package com.example.reports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

/** Exports a tenant's monthly report; triggered by EventBridge Scheduler. */
public class ExportHandler implements RequestHandler<Map<String, String>, String> {

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        String tenant = event.get("tenant");
        String month = event.getOrDefault("month", "2026-10");
        try (Connection conn = DriverManager.getConnection(System.getenv("JDBC_URL"))) {
            Statement st = conn.createStatement();
            ResultSet rs = st.executeQuery("SELECT total FROM invoices WHERE tenant = '" + tenant + "' AND month = '" + month + "'");
            StringBuilder csv = new StringBuilder("total\n");
            while (rs.next()) {
                csv.append(rs.getBigDecimal(1)).append('\n');
            }
            return csv + "signature=" + sign(csv.toString());
        } catch (SQLException e) {
            throw new IllegalStateException("export failed", e);
        }
    }

    /** Signs the report so the downstream system can check it. */
    static String sign(String body) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A content checksum for deduplication: SHA-256, fine. */
    static String checksum(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
