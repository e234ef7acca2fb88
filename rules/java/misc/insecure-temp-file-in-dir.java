package com.example.media;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

public class TempsInDir {
    void temps(File work, Path workPath) throws Exception {
        // ruleid: java.insecure-temp-file-in-dir
        File a = File.createTempFile("resize", ".tmp", work);
        // ruleid: java.insecure-temp-file-in-dir
        File b = File.createTempFile("part-", ".bin", new File("/tmp/parts"));
        // ok: java.insecure-temp-file-in-dir
        Path c = Files.createTempFile(workPath, "thumb-", ".png");
        // ok: java.insecure-temp-file-in-dir
        File d = Files.createTempFile(workPath, "x", ".y").toFile();
    }
}
