package com.example.media;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.util.List;

public class ConvertHandler implements RequestHandler<S3Event, String> {
    @Override
    public String handleRequest(S3Event event, Context context) {
        String key = event.getRecords().get(0).getS3().getObject().getUrlDecodedKey();
        try {
            // ruleid: java.lambda-command-injection
            Runtime.getRuntime().exec("/opt/bin/convert /tmp/" + key + " /tmp/out.png");
            // ruleid: java.lambda-command-injection
            new ProcessBuilder("sh", "-c", "gzip -9 /tmp/" + key).start();
            // ruleid: java.lambda-command-injection
            Runtime.getRuntime().exec(new String[] {"bash", "-c", "rm -f /tmp/" + key});
            String tool = event.getRecords().get(0).getS3().getObject().getKey().split("/")[0];
            // ruleid: java.lambda-command-injection
            new ProcessBuilder(tool, "--version").start();
            // ok: java.lambda-command-injection
            new ProcessBuilder("/opt/bin/convert", "--", "/tmp/" + key, "/tmp/out.png").start();
            // ruleid: java.lambda-command-injection
            new ProcessBuilder("/opt/bin/identify", "-verbose", key).start().waitFor();
            // ok: java.lambda-command-injection
            Runtime.getRuntime().exec(new String[] {"/opt/bin/exiftool", "-all=", "/tmp/" + key});
            java.nio.file.Path local = java.nio.file.Paths.get("/tmp/work", org.apache.commons.io.FilenameUtils.getName(key));
            // ruleid: java.lambda-command-injection
            new ProcessBuilder("sh", "-c", "convert " + local + " out.png").start();
            int quality = Integer.parseInt(key.substring(0, 2));
            // ok: java.lambda-command-injection
            Runtime.getRuntime().exec("/opt/bin/convert -quality " + quality + " in.png out.jpg");
            // ok: java.lambda-command-injection
            new ProcessBuilder(List.of("/opt/bin/optipng", "/tmp/out.png")).start();
        } catch (Exception e) {
            return "failed";
        }
        return "ok";
    }
}
