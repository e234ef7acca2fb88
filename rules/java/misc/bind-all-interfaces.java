package com.example.tenants;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

public class Servers {
    void servers() throws Exception {
        // ruleid: java.bind-all-interfaces
        HttpServer a = HttpServer.create(new InetSocketAddress("0.0.0.0", 8080), 0);
        ServerSocket s = new ServerSocket();
        // ruleid: java.bind-all-interfaces
        s.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 5005));
        // ok: java.bind-all-interfaces
        HttpServer b = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
        // ok: java.bind-all-interfaces
        ServerSocket c = new ServerSocket(5006, 50, InetAddress.getLoopbackAddress());
    }
}
