package com.example.hooks;

import java.util.Arrays;

public class Signatures {
    boolean check(byte[] expectedMac, byte[] received, byte[] a, byte[] b, byte[] sig) {
        // ruleid: java.timing-unsafe-array-compare
        boolean x = Arrays.equals(expectedMac, received);
        // ruleid: java.timing-unsafe-array-compare
        boolean y = Arrays.equals(received, computeDigest(a));
        // ok: java.timing-unsafe-array-compare
        boolean z = Arrays.equals(a, b);
        // ok: java.timing-unsafe-array-compare
        boolean w = java.security.MessageDigest.isEqual(sig, received);
        return x && y && z && w;
    }
}
