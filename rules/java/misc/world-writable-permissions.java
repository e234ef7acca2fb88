package com.example.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

public class Perms {
    void perms(Path p) throws Exception {
        // ruleid: java.world-writable-permissions
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw-rw-"));
        // ruleid: java.world-writable-permissions
        Set<PosixFilePermission> s = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OTHERS_WRITE);
        // ok: java.world-writable-permissions
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        // ok: java.world-writable-permissions
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
