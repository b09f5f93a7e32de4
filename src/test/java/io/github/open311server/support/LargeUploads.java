package io.github.open311server.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.github.open311server.web.FormFields.UploadedFile;

/** A photo near the 5 MB limit, sent as a file the way the HTTP layer leaves uploads, and what it costs in memory. */
public final class LargeUploads {

    /** What the phone wrote into the photo: it must never be stored. */
    public static final String SECRET = "GPSLatitude 48.137154 Pixel-9 serial 0042";

    private LargeUploads() {}

    /** A JPEG of noise (it does not compress) of about 3.9 MB, without metadata: what must be stored. */
    public static byte[] noisyJpeg() throws IOException {
        BufferedImage image = new BufferedImage(1400, 1400, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(311);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam best = writer.getDefaultWriteParam();
            best.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            best.setCompressionQuality(1.0f);
            writer.write(null, new IIOImage(image, null, null), best);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The JPEG with an APP1 Exif segment after SOI that carries {@link #SECRET}. */
    public static byte[] withExif(byte[] jpeg) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0};
        byte[] secret = SECRET.getBytes(StandardCharsets.US_ASCII);
        int length = 2 + 6 + tiff.length + secret.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + length + 2);
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.writeBytes(secret);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The bytes as an upload in a temporary file, read from it at each open. */
    public static UploadedFile upload(byte[] bytes, String fileName, String contentType) throws IOException {
        Path file = Files.createTempFile("open311-upload", ".bin");
        file.toFile().deleteOnExit();
        Files.write(file, bytes);
        return new UploadedFile("media", fileName, contentType, bytes.length, () -> Files.newInputStream(file));
    }

    /** The bytes this thread allocated while {@code work} ran (whatever the garbage collector did meanwhile). */
    public static long allocatedDuring(Runnable work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
