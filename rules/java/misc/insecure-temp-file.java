package com.example.media;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

public class Temps {
    void temps() throws Exception {
        // ruleid: java.insecure-temp-file
        File a = File.createTempFile("resize", ".tmp");
        // ruleid: java.insecure-temp-file
        File b = java.io.File.createTempFile("report-", null);
        // ok: java.insecure-temp-file
        Path c = Files.createTempFile("thumb-", ".png");
        // ok: java.insecure-temp-file
        Path d = Files.createTempDirectory("album");
    }
}
