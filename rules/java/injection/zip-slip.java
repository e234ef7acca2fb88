package com.example.media;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

public class Unzipper {
    void unsafeFile(InputStream in, File dir) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                // ruleid: java.zip-slip
                File out = new File(dir, entry.getName());
                Files.copy(zip, out.toPath());
            }
        }
    }

    void unsafeConcat(InputStream in) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                // ruleid: java.zip-slip
                try (FileOutputStream fos = new FileOutputStream("/tmp/x/" + e.getName())) {
                    zip.transferTo(fos);
                }
            }
        }
    }

    void safeNormalize(InputStream in, Path dir) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                // ok: java.zip-slip
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("bad entry");
                }
                Files.copy(zip, target);
            }
        }
    }

    void safeCanonical(InputStream in, File dir) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                // ok: java.zip-slip
                File out = new File(dir, entry.getName());
                if (!out.getCanonicalPath().startsWith(dir.getCanonicalPath() + File.separator))
                    throw new IOException("bad entry");
                Files.copy(zip, out.toPath());
            }
        }
    }

    void notAnArchive(File dir, Product p) {
        // ok: java.zip-slip
        File f = new File(dir, p.getName());
    }
}
