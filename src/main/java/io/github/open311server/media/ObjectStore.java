package io.github.open311server.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import io.github.open311server.config.Open311Config;

/**
 * Photos in an S3-compatible object store (AWS S3, MinIO, Ceph, S3Proxy) through the AWS SDK: one object per
 * photo under the configured prefix, named by the photo's id, stored with its content type.
 */
final class ObjectStore implements AutoCloseable {

    /** The most keys S3 deletes in one call. */
    private static final int DELETE_BATCH = 1000;

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;

    ObjectStore(Open311Config.Media.S3 settings) {
        this.bucket = settings.bucket()
                .filter(b -> !b.isBlank())
                .orElseThrow(() -> new IllegalStateException(
                        "open311.media.storage=s3 needs open311.media.s3.bucket (and the bucket must exist)"));
        this.prefix = settings.prefix();
        AwsCredentialsProvider credentials = settings.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        settings.accessKey().get(), settings.secretKey().orElse("")))
                : DefaultCredentialsProvider.builder().build();
        Region region = Region.of(settings.region());
        S3Configuration style = S3Configuration.builder()
                .pathStyleAccessEnabled(settings.pathStyle())
                // over plain HTTP the SDK signs the body; aws-chunked signing would copy it chunk by chunk into
                // new arrays, a whole hash first reads the photo's file once more and sends it as it is
                .chunkedEncodingEnabled(false)
                .build();
        var builder = S3Client.builder()
                .httpClient(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(style)
                // checksums only where S3 requires them: MinIO, Ceph and S3Proxy differ in the newer trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presignerBuilder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(style);
        if (settings.endpoint().isPresent()) {
            URI endpoint = URI.create(settings.endpoint().get());
            builder.endpointOverride(endpoint);
            presignerBuilder.endpointOverride(endpoint);
        }
        this.client = builder.build();
        this.presigner = presignerBuilder.build();
    }

    /** Fails start-up with one clear line when the bucket cannot be reached with these settings. */
    void check() {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (RuntimeException e) {
            throw new IllegalStateException("The media bucket '" + bucket + "' cannot be used: " + e.getMessage(), e);
        }
    }

    void put(UUID id, String contentType, byte[] bytes) {
        client.putObject(
                b -> b.bucket(bucket).key(key(id)).contentType(contentType).contentLength((long) bytes.length),
                RequestBody.fromBytes(bytes));
    }

    /** Streams the image to the store: the SDK opens it again if it must send it twice (a retry, a signature). */
    void put(UUID id, String contentType, StrippedImage image) {
        client.putObject(
                b -> b.bucket(bucket).key(key(id)).contentType(contentType).contentLength(image.length()),
                RequestBody.fromContentProvider(
                        () -> {
                            try {
                                return image.open();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        image.length(),
                        contentType));
    }

    ResponseInputStream<GetObjectResponse> open(UUID id) {
        return client.getObject(b -> b.bucket(bucket).key(key(id)));
    }

    /** The object's size; NoSuchKeyException when the store does not have it. */
    long length(UUID id) {
        return client.headObject(b -> b.bucket(bucket).key(key(id))).contentLength();
    }

    /** A GET of the object that works without credentials for {@code ttl}, with this Cache-Control. */
    URI presignedGet(UUID id, Duration ttl, String cacheControl) {
        return URI.create(presigner
                .presignGetObject(p -> p.signatureDuration(ttl)
                        .getObjectRequest(g -> g.bucket(bucket).key(key(id)).responseCacheControl(cacheControl)))
                .url()
                .toString());
    }

    void delete(Collection<UUID> ids) {
        List<ObjectIdentifier> keys = ids.stream()
                .map(id -> ObjectIdentifier.builder().key(key(id)).build())
                .toList();
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH));
            var answer = client.deleteObjects(b -> b.bucket(bucket)
                    .delete(Delete.builder().objects(batch).quiet(true).build()));
            if (answer.hasErrors() && !answer.errors().isEmpty()) {
                throw new IllegalStateException(
                        "The object store kept photos it was asked to delete: " + answer.errors());
            }
        }
    }

    private String key(UUID id) {
        return prefix + id;
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }
}
