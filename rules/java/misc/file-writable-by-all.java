package com.example.media;

import java.io.File;

public class Flags {
    void flags(File scratch, File tool) {
        // ruleid: java.file-writable-by-all
        scratch.setWritable(true, false);
        // ruleid: java.file-writable-by-all
        tool.setExecutable(true, false);
        // ok: java.file-writable-by-all
        scratch.setWritable(true, true);
        // ok: java.file-writable-by-all
        scratch.setReadable(true, true);
    }
}
