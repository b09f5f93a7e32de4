package io.github.open311server.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The test identity provider's RSA key pair, made fresh for every test run (no private key is kept in the
 * repository): the server trusts the public half, {@link Tokens} signs with the private half.
 */
public class TestSigningKeys implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createDirectories(Path.of("target", "test-jwt"));
            Path publicKey = dir.resolve("publicKey.pem");
            Path privateKey = dir.resolve("privateKey.pem");
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(
                    privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            return Map.of(
                    "mp.jwt.verify.publickey.location",
                            publicKey.toAbsolutePath().toUri().toString(),
                    "smallrye.jwt.sign.key.location",
                            privateKey.toAbsolutePath().toUri().toString());
        } catch (Exception e) {
            throw new IllegalStateException("Could not make the test signing keys", e);
        }
    }

    @Override
    public void stop() {
        // the files live in target/ and go with mvn clean
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
