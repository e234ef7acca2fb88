package com.example.media;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

public class TempsInDir {
    void temps(File work, Path workPath) throws Exception {
        // ruleid: java.insecure-temp-file-in-dir
        File a = java.nio.file.Files.createTempFile(work.toPath(), "resize", ".tmp").toFile();
        // ruleid: java.insecure-temp-file-in-dir
        File b = java.nio.file.Files.createTempFile(new File("/tmp/parts").toPath(), "part-", ".bin").toFile();
        // ok: java.insecure-temp-file-in-dir
        Path c = Files.createTempFile(workPath, "thumb-", ".png");
        // ok: java.insecure-temp-file-in-dir
        File d = Files.createTempFile(workPath, "x", ".y").toFile();
    }
}
