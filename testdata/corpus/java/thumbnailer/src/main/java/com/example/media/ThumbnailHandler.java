package com.example.media;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.CannedAccessControlList;
import com.amazonaws.services.s3.model.GetObjectRequest;
import com.amazonaws.services.s3.model.ObjectMetadata;
import com.amazonaws.services.s3.model.PutObjectRequest;
import com.amazonaws.services.s3.model.SSEAwsKeyManagementParams;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.io.FilenameUtils;

/** Makes thumbnails of uploaded images and unpacks uploaded photo albums (zip). */
public class ThumbnailHandler implements RequestHandler<S3Event, String> {
    private static final String OUTPUT_BUCKET = System.getenv("OUTPUT_BUCKET");
    private static final String KMS_KEY = System.getenv("KMS_KEY_ID");
    private final AmazonS3 s3 = AmazonS3ClientBuilder.standard().build();

    @Override
    public String handleRequest(S3Event event, Context context) {
        int done = 0;
        for (S3EventNotificationRecord record : event.getRecords()) {
            String bucket = record.getS3().getBucket().getName();
            String key = record.getS3().getObject().getUrlDecodedKey();
            try {
                if (key.endsWith(".zip")) {
                    unpackAlbum(bucket, key);
                } else {
                    thumbnail(bucket, key);
                }
                done++;
            } catch (IOException | InterruptedException e) {
                context.getLogger().log("failed on " + bucket + ": " + e.getMessage());
            }
        }
        return "processed " + done;
    }

    private void thumbnail(String bucket, String key) throws IOException, InterruptedException {
        File original = new File("/tmp/" + key);
        s3.getObject(new GetObjectRequest(bucket, key), original);
        Path local = Paths.get("/tmp/work", FilenameUtils.getName(key));
        Path thumb = Files.createTempFile("thumb-", ".png");
        File scratch = File.createTempFile("resize", ".tmp");

        Runtime.getRuntime().exec("/opt/bin/convert /tmp/" + key + " -resize 256x256 " + thumb);
        new ProcessBuilder("sh", "-c", "convert " + local + " -strip " + scratch.getPath()).start().waitFor();
        new ProcessBuilder("/opt/bin/convert", "--", local.toString(), "-resize", "256x256", thumb.toString()).start().waitFor();
        Runtime.getRuntime().exec(new String[] {"/opt/bin/exiftool", "-all=", thumb.toString()}).waitFor();

        String name = "thumbnails/" + FilenameUtils.getBaseName(key) + ".png";
        s3.putObject(OUTPUT_BUCKET, name, thumb.toFile());
        s3.putObject(new PutObjectRequest(OUTPUT_BUCKET, "public/" + name, thumb.toFile()).withCannedAcl(CannedAccessControlList.PublicRead));
        s3.putObject(new PutObjectRequest(OUTPUT_BUCKET, "private/" + name, thumb.toFile())
            .withSSEAwsKeyManagementParams(new SSEAwsKeyManagementParams(KMS_KEY)));
        ObjectMetadata md = new ObjectMetadata();
        md.setSSEAlgorithm(ObjectMetadata.AES_256_SERVER_SIDE_ENCRYPTION);
        s3.putObject(new PutObjectRequest(OUTPUT_BUCKET, "archive/" + name, thumb.toFile()).withMetadata(md)
            .withCannedAcl(CannedAccessControlList.BucketOwnerFullControl));

        Files.setPosixFilePermissions(thumb, PosixFilePermissions.fromString("rw-rw-rw-"));
        scratch.setWritable(true, false);
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rw-------"));
        scratch.setReadable(true, true);
    }

    private void unpackAlbum(String bucket, String key) throws IOException {
        Path workDir = Files.createTempDirectory("album");
        try (InputStream in = s3.getObject(bucket, key).getObjectContent();
             ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                File out = new File(workDir.toFile(), entry.getName());
                Files.copy(zip, out.toPath(), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (InputStream in = s3.getObject(bucket, key).getObjectContent();
             ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                Files.copy(zip, Paths.get("/tmp/album/" + entry.getName()));
            }
        }
        try (InputStream in = s3.getObject(bucket, key).getObjectContent();
             ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                Path target = workDir.resolve(entry.getName()).normalize();
                if (!target.startsWith(workDir)) {
                    throw new IOException("zip entry outside the target folder: " + entry.getName());
                }
                Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        File dir = workDir.toFile();
        try (InputStream in = s3.getObject(bucket, key).getObjectContent();
             ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                File out = new File(dir, entry.getName());
                if (!out.getCanonicalPath().startsWith(dir.getCanonicalPath() + File.separator)) {
                    throw new IOException("zip slip: " + entry.getName());
                }
                Files.copy(zip, out.toPath(), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
