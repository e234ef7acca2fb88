package com.example.media;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.io.File;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.commons.io.FilenameUtils;

public class DownloadHandler implements RequestHandler<S3Event, String> {
    @Override
    public String handleRequest(S3Event event, Context context) {
        String key = event.getRecords().get(0).getS3().getObject().getUrlDecodedKey();
        try {
            // ruleid: java.lambda-path-traversal
            File a = new File("/tmp/" + key);
            // ruleid: java.lambda-path-traversal
            Path b = Paths.get("/tmp/work", key);
            // ruleid: java.lambda-path-traversal
            FileOutputStream c = new FileOutputStream("/tmp/out/" + key + ".png");
            String name = FilenameUtils.getName(key);
            // ok: java.lambda-path-traversal
            File d = new File("/tmp/work", name);
            Path fileName = Paths.get(key).getFileName();
            // ok: java.lambda-path-traversal
            Path e = Paths.get("/tmp/work").resolve(fileName);
            // ok: java.lambda-path-traversal
            File f = new File("/tmp/work/thumb.png");
            return a.getPath() + b + c + d + e + f;
        } catch (Exception ex) {
            return "error";
        }
    }
}
