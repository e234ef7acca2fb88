package com.example.hooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.helpers.DefaultHandler;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Receives partner webhooks through a Lambda function URL (raw stream handler). */
public class WebhookHandler implements RequestStreamHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WEBHOOK_SECRET = "whsec_3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c";
    private static final String PARTNER_TOKEN = System.getenv("PARTNER_TOKEN");
    private static final String BUCKET = System.getenv("ARCHIVE_BUCKET");
    private static final DocumentBuilderFactory DBF = DocumentBuilderFactory.newInstance();
    private final S3Client s3 = S3Client.create();
    private final HttpClient http = HttpClient.newHttpClient();

    static {
        try {
            DBF.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (ParserConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaLogger logger = context.getLogger();
        JsonNode root = MAPPER.readTree(input);
        String body = root.path("body").asText();
        String signature = root.path("headers").path("x-signature").asText();
        logger.log("delivery " + root.path("headers").path("x-delivery-id").asText());
        logger.log(root.toString());

        String expected = hmac(body);
        if (!expected.equals(signature)) {
            writeJson(output, 401, "{\"error\":\"bad signature\"}");
            return;
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8))) {
            return;
        }

        JsonNode payload = MAPPER.readTree(body);
        String id = payload.path("id").asText();
        Files.write(Paths.get("/tmp/hooks", id + ".json"), body.getBytes(StandardCharsets.UTF_8));
        Files.write(Paths.get("/tmp/hooks/latest.json"), body.getBytes(StandardCharsets.UTF_8));

        String callback = payload.path("callbackUrl").asText();
        HttpRequest ack = HttpRequest.newBuilder().uri(URI.create(callback)).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            http.send(ack, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        new URL("http://ingest.internal.example.com/hooks").openStream().close();

        String repo = payload.path("repository").path("full_name").asText();
        new ProcessBuilder("git", "clone", "--depth", "1", "https://github.com/" + repo + ".git", "/tmp/repo").start();

        if (payload.has("config")) {
            Object cfg = new Yaml().load(payload.path("config").asText());
            logger.log("config keys " + ((Map<?, ?>) cfg).size());
        }
        if (payload.has("invoice")) {
            SAXParserFactory.newInstance().newSAXParser().parse(new ByteArrayInputStream(payload.path("invoice").asText().getBytes(StandardCharsets.UTF_8)), new DefaultHandler());
            DBF.newDocumentBuilder().parse(new ByteArrayInputStream(payload.path("invoice").asText().getBytes(StandardCharsets.UTF_8)));
        }

        String key = "hooks/" + java.util.UUID.randomUUID() + ".json";
        s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key(key).build(), RequestBody.fromString(body));
        s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key(key + ".sig").serverSideEncryption(ServerSideEncryption.AWS_KMS).build(), RequestBody.fromString(signature));

        String name = payload.path("sender").path("name").asText();
        output.write(("<html><body>Thanks, " + name + "</body></html>").getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeJson(OutputStream out, int status, String json) throws IOException {
        out.write(("{\"statusCode\":" + status + ",\"body\":" + MAPPER.writeValueAsString(json) + "}").getBytes(StandardCharsets.UTF_8));
    }
}
