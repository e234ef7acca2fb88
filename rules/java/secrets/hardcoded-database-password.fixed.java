package com.example.db;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.DriverManager;

public class Db {
    Connection connect(String password) throws Exception {
        // ruleid: java.hardcoded-database-password
        Connection a = DriverManager.getConnection(System.getenv("JDBC_URL"), "admin", System.getenv("DB_PASSWORD"));
        HikariConfig cfg = new HikariConfig();
        // ruleid: java.hardcoded-database-password
        cfg.setPassword(System.getenv("DB_PASSWORD"));
        // ok: java.hardcoded-database-password
        cfg.setPassword(System.getenv("DB_PASSWORD"));
        // ok: java.hardcoded-database-password
        Connection b = DriverManager.getConnection(System.getenv("JDBC_URL"), "admin", password);
        // ok: java.hardcoded-database-password
        Connection c = DriverManager.getConnection("jdbc:h2:mem:test", "sa", "");
        return a;
    }
}
