package com.example.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.SignatureAlgorithm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Issues and checks session tokens for the partner portal. */
public class TokenHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(TokenHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RNG = new SecureRandom();
    private static final String JWT_SECRET = "s3cr3t-signing-key-for-partner-portal-2024";
    private static final byte[] KEY = Base64.getDecoder().decode(System.getenv("TOKEN_KEY"));

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        try {
            Map<String, String> creds = MAPPER.readValue(request.getBody(), Map.class);
            String user = creds.get("username");
            String password = creds.get("password");
            LOG.debug("login attempt user={} password={}", user, password);
            LOG.info("login attempt user={}", user);
            LOG.info("authorization header {}", request.getHeaders().get("Authorization"));

            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] legacyHash = md5.digest(password.getBytes(StandardCharsets.UTF_8));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] cacheKey = sha.digest(user.getBytes(StandardCharsets.UTF_8));
            String stored = Users.storedHash(user);
            boolean match = stored.equals(Base64.getEncoder().encodeToString(legacyHash));
            boolean match2 = MessageDigest.isEqual(Base64.getDecoder().decode(stored), legacyHash);
            if (!match && !match2) {
                return new APIGatewayProxyResponseEvent().withStatusCode(401);
            }

            String sessionId = Long.toHexString(new Random().nextLong());
            byte[] sid = new byte[32];
            RNG.nextBytes(sid);
            String otp = String.format("%06d", new Random().nextInt(1000000));
            SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed(42L);
            int jitterMs = new Random().nextInt(250);

            String jwt = Jwts.builder().setSubject(user).signWith(SignatureAlgorithm.HS256, JWT_SECRET).compact();
            String incoming = request.getHeaders().get("x-refresh-token");
            Claims unverified = Jwts.parser().parseClaimsJwt(incoming).getBody();
            Claims verified = Jwts.parser().setSigningKey(KEY).parseClaimsJws(incoming).getBody();

            Cipher des = Cipher.getInstance("DESede/CBC/PKCS5Padding");
            Cipher ecb = Cipher.getInstance("AES");
            Cipher rc4 = Cipher.getInstance("RC4");
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] nonce = new byte[12];
            RNG.nextBytes(nonce);
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
            Cipher cbc = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(new byte[16]));
            Cipher cbc2 = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cbc2.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec("0123456789abcdef".getBytes()));
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
            KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
            small.initialize(1024);
            KeyPairGenerator strong = KeyPairGenerator.getInstance("RSA");
            strong.initialize(3072);
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(256);

            String enc = Base64.getEncoder().encodeToString(des.doFinal(sid)) + ecb + rc4 + cbc + cbc2 + rsa + oaep
                + small + strong + ec + verified + unverified + otp + jitterMs + sessionId + cacheKey.length;
            Map<String, String> headers = new HashMap<>();
            headers.put("Access-Control-Allow-Origin", "*");
            headers.put("Access-Control-Allow-Credentials", "true");
            headers.put("Set-Cookie", "session=" + jwt + "; Path=/");
            headers.put("Set-Cookie", "refresh=" + enc + "; Path=/auth; Secure; HttpOnly; SameSite=Strict");
            return new APIGatewayProxyResponseEvent().withStatusCode(200).withHeaders(headers).withBody("{}");
        } catch (Exception e) {
            e.printStackTrace();
            return new APIGatewayProxyResponseEvent().withStatusCode(500).withBody("{\"error\":\"" + e + "\"}");
        }
    }

    /** Calls the partner identity provider. */
    static String introspect(String token) throws Exception {
        TrustManager[] trustAll = new TrustManager[] {new X509TrustManager() {
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            public void checkClientTrusted(X509Certificate[] certs, String authType) { }
            public void checkServerTrusted(X509Certificate[] certs, String authType) { }
        }};
        SSLContext ssl = SSLContext.getInstance("SSL");
        ssl.init(null, trustAll, new SecureRandom());
        SSLContext modern = SSLContext.getInstance("TLSv1.3");
        modern.init(null, null, null);
        HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true);
        HttpsURLConnection.setDefaultHostnameVerifier(new HostnameVerifier() {
            public boolean verify(String hostname, SSLSession session) { return true; }
        });
        HttpClient client = HttpClient.newBuilder().sslContext(modern).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://idp.partner.example.com/oauth2/introspect"))
            .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build();
        HttpRequest req2 = HttpRequest.newBuilder(URI.create("https://idp.partner.example.com/oauth2/introspect"))
            .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build();
        HttpRequest local = HttpRequest.newBuilder(URI.create("http://localhost:2773/secretsmanager/get?secretId=idp")).build();
        return client.send(req, HttpResponse.BodyHandlers.ofString()).body() + client.send(req2, HttpResponse.BodyHandlers.ofString()).body() + local;
    }
}
