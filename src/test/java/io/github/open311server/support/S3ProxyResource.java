package io.github.open311server.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for the media tests: S3Proxy (Maven Central, copied to target/s3proxy by the build)
 * with its filesystem back end, as a process of its own on a free port, with a fresh bucket.
 */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "open311-media";
    public static final String ACCESS_KEY = "open311-test";
    public static final String SECRET_KEY = "open311-test-secret";
    private static final Path HOME = Path.of("target", "s3proxy");
    private static volatile String endpoint;

    private Process process;
    private Path data;

    @Override
    public Map<String, String> start() {
        try {
            Path jar = HOME.resolve("s3proxy.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        "target/s3proxy/s3proxy.jar is missing: the build copies it (mvn test)");
            }
            // a free port can be taken between the probe and S3Proxy's bind: then it exits, and another is tried
            for (int attempt = 1; ; attempt++) {
                int port;
                try (ServerSocket probe = new ServerSocket(0)) {
                    port = probe.getLocalPort();
                }
                if (startOn(jar, port)) {
                    break;
                }
                if (attempt == 3) {
                    throw new IllegalStateException("S3Proxy did not start three times: see target/s3proxy/*.log");
                }
            }
            try (S3Client client = client()) {
                client.createBucket(b -> b.bucket(BUCKET));
            }
            return Map.of(
                    "open311.media.storage", "s3",
                    "open311.media.s3.endpoint", endpoint,
                    "open311.media.s3.bucket", BUCKET,
                    "open311.media.s3.access-key", ACCESS_KEY,
                    "open311.media.s3.secret-key", SECRET_KEY);
        } catch (IOException e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    /** Starts S3Proxy on this port; false when it exited before listening (the port was taken meanwhile). */
    private boolean startOn(Path jar, int port) throws IOException {
        endpoint = "http://127.0.0.1:" + port;
        data = Files.createDirectories(HOME.resolve("data-" + port));
        Path properties = HOME.resolve("s3proxy-" + port + ".properties");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "s3proxy.endpoint=" + endpoint,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + data.toAbsolutePath(),
                        ""));
        process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx128m",
                        "-jar",
                        jar.toAbsolutePath().toString(),
                        "--properties",
                        properties.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(HOME.resolve("s3proxy-" + port + ".log").toFile())
                .start();
        return waitForPort(port);
    }

    /** A client of the same store, for tests to look at what the server put there. */
    public static S3Client client() {
        return S3Client.builder()
                .httpClient(Apache5HttpClient.create())
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Bounded wait for the process to listen (it prints nothing we could wait on more cheaply). */
    private boolean waitForPort(int port) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
        throw new IllegalStateException("S3Proxy did not listen on " + port + " within 60 s");
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (data != null) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // target/ goes with mvn clean anyway
            }
        }
    }
}
