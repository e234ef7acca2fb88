package com.example.media;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

public class Temps {
    void temps() throws Exception {
        // ruleid: java.insecure-temp-file
        File a = java.nio.file.Files.createTempFile("resize", ".tmp").toFile();
        // ruleid: java.insecure-temp-file
        File b = java.nio.file.Files.createTempFile("report-", null).toFile();
        // ok: java.insecure-temp-file
        Path c = Files.createTempFile("thumb-", ".png");
        // ok: java.insecure-temp-file
        Path d = Files.createTempDirectory("album");
    }
}
