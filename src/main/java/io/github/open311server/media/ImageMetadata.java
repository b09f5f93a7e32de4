package io.github.open311server.media;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.github.open311server.web.FormFields.UploadedFile;
import io.github.open311server.web.Open311Exception;

/**
 * Removes what a photo says about its sender before it is stored and published: EXIF (the phone's GPS
 * position, model, serial numbers, time), XMP, IPTC, ICC profiles and comments. Pixels are kept
 * untouched where possible: metadata segments and chunks are dropped, not re-encoded. Only a JPEG whose
 * EXIF orientation rotates or mirrors it is decoded, turned upright and re-encoded, since the tag that
 * told viewers how to turn it goes with the rest: one at a time on a node, and only up to
 * {@value #MAX_TURNED_PIXELS} pixels. Turning takes about 19 bytes a pixel (the decoded image, its RGB copy, two
 * pixel arrays and the turned image) while the file may take a fraction of a byte: a 2 MB file that claims
 * 20,000 x 20,000 pixels would take the whole heap. Beyond the limit, when another photo is being turned (the
 * caller holds a transaction: it never waits), or when the image cannot be decoded, the pixels stay as they are
 * and a new EXIF segment that holds the orientation tag and nothing else tells viewers how to turn them.
 */
public final class ImageMetadata {

    /** PNG chunks that carry text, EXIF, a profile or a time stamp. */
    private static final Set<String> PNG_METADATA = Set.of("tEXt", "zTXt", "iTXt", "eXIf", "iCCP", "tIME");
    /** WebP chunks of the same kind. */
    private static final Set<String> WEBP_METADATA = Set.of("EXIF", "XMP ", "ICCP");

    /** 8 megapixels, about 150 MB while turned: well within a 512 MB heap. */
    static final long MAX_TURNED_PIXELS = 8_000_000L;

    private static final Semaphore TURNING = new Semaphore(1);

    private ImageMetadata() {}

    /**
     * The upload without its metadata, as a description of what to store (the upload unchanged for a type with
     * nothing to strip: GIF). Only segment and chunk headers are read, one pass over the file; a JPEG that is turned
     * upright is the one photo decoded in memory.
     */
    public static StrippedImage strip(String contentType, UploadedFile upload) {
        try (Walk walk = new Walk(upload)) {
            return switch (contentType) {
                case "image/jpeg" -> jpeg(walk, upload);
                case "image/png" -> png(walk, upload);
                case "image/webp" -> webp(walk, upload);
                default -> StrippedImage.whole(upload);
            };
        } catch (IOException | RuntimeException malformed) {
            // a file too broken to walk is not published with its metadata: it is refused instead
            throw Open311Exception.badRequest("The uploaded image is damaged");
        }
    }

    private static StrippedImage jpeg(Walk in, UploadedFile upload) throws IOException {
        StrippedImage.Builder out = new StrippedImage.Builder(upload);
        in.skipTo(2);
        out.copy(0, 2); // SOI
        int orientation = 1;
        long pixels = -1; // from the frame header; unknown until one is seen
        while (in.position() + 4 <= in.size()) {
            long segment = in.position();
            if (in.u8() != 0xFF) {
                throw new IllegalArgumentException("not a marker");
            }
            int marker = in.u8();
            while (marker == 0xFF) { // fill bytes: the last 0xFF starts the marker; they are not kept
                segment++;
                marker = in.u8();
            }
            int length = in.u16();
            if (marker == 0xDA) { // start of scan: the rest is image data
                out.copy(segment, in.size() - segment);
                break;
            }
            if (length < 2 || segment + 2 + length > in.size()) {
                throw new IllegalArgumentException("truncated segment");
            }
            boolean metadata =
                    marker == 0xFE || (marker >= 0xE1 && marker <= 0xEF && marker != 0xEE); // keep JFIF, Adobe
            if (marker == 0xE1 && orientation == 1) {
                orientation = exifOrientation(in.bytes(length - 2));
            } else if (isStartOfFrame(marker) && length >= 7) {
                byte[] frame = in.bytes(5); // precision, height, width
                pixels = (long) read(frame, 1, 2, false) * read(frame, 3, 2, false);
            }
            if (!metadata) {
                out.copy(segment, 2 + length);
            }
            in.skipTo(segment + 2 + length);
        }
        StrippedImage stripped = out.build();
        if (orientation <= 1 || orientation > 8) {
            return stripped;
        }
        if (pixels < 0 || pixels > MAX_TURNED_PIXELS) {
            return withOrientationOnly(stripped, orientation);
        }
        if (!TURNING.tryAcquire()) {
            return withOrientationOnly(stripped, orientation);
        }
        try {
            return upright(stripped, orientation);
        } finally {
            TURNING.release();
        }
    }

    /** SOF0..SOF15: the frame header with the image's size (C4, C8 and CC are other segments). */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** The JPEG with one APP1 Exif segment right after SOI that holds the orientation tag and nothing else. */
    static StrippedImage withOrientationOnly(StrippedImage jpeg, int orientation) {
        byte[] exif = {
            (byte) 0xFF,
            (byte) 0xE1,
            0,
            34, // APP1, length 34
            'E',
            'x',
            'i',
            'f',
            0,
            0,
            'M',
            'M',
            0,
            42,
            0,
            0,
            0,
            8, // big-endian TIFF, IFD0 at 8
            0,
            1, // one entry
            0x01,
            0x12,
            0,
            3,
            0,
            0,
            0,
            1,
            0,
            (byte) orientation,
            0,
            0, // Orientation, SHORT, 1 value
            0,
            0,
            0,
            0 // no next IFD
        };
        return jpeg.inserting(2, exif);
    }

    /** The orientation tag (0x0112) of IFD0 in the content of an APP1 Exif segment, or 1. */
    private static int exifOrientation(byte[] b) {
        if (b.length < 14 || b[0] != 'E' || b[1] != 'x' || b[2] != 'i' || b[3] != 'f') {
            return 1;
        }
        int tiff = 6;
        boolean little = b[tiff] == 'I';
        long ifd = tiff + (read(b, tiff + 4, 4, little) & 0xFFFFFFFFL);
        if (ifd + 2 > b.length) {
            return 1;
        }
        int entries = read(b, (int) ifd, 2, little);
        for (int e = 0; e < entries; e++) {
            long entry = ifd + 2 + e * 12L;
            if (entry + 12 > b.length) {
                return 1;
            }
            if (read(b, (int) entry, 2, little) == 0x0112) {
                return read(b, (int) entry + 8, 2, little);
            }
        }
        return 1;
    }

    private static int read(byte[] b, int at, int bytes, boolean little) {
        int value = 0;
        for (int k = 0; k < bytes; k++) {
            int octet = b[at + (little ? bytes - 1 - k : k)] & 0xFF;
            value = (value << 8) | octet;
        }
        return value;
    }

    /** Decodes, applies the EXIF orientation and re-encodes (ImageIO writes JFIF only, no metadata). */
    private static StrippedImage upright(StrippedImage jpeg, int orientation) {
        try (InputStream in = jpeg.open()) {
            BufferedImage image = ImageIO.read(in);
            if (image == null) {
                return withOrientationOnly(jpeg, orientation); // a colour model ImageIO cannot decode (CMYK)
            }
            BufferedImage turned = turn(toRgb(image), orientation);
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(jpeg.length(), Integer.MAX_VALUE));
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.92f);
                writer.write(null, new IIOImage(turned, null, null), param);
            } finally {
                writer.dispose();
            }
            return StrippedImage.encoded(out.toByteArray());
        } catch (IOException e) {
            return withOrientationOnly(jpeg, orientation);
        }
    }

    /** Moves each pixel where EXIF orientation 2..8 says it belongs (5..8 swap width and height). */
    static BufferedImage turn(BufferedImage source, int orientation) {
        int w = source.getWidth();
        int h = source.getHeight();
        int[] from = source.getRGB(0, 0, w, h, null, 0, w);
        boolean swaps = orientation >= 5;
        int tw = swaps ? h : w;
        int[] to = new int[from.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int tx;
                int ty;
                switch (orientation) {
                    case 2 -> {
                        tx = w - 1 - x;
                        ty = y;
                    }
                    case 3 -> {
                        tx = w - 1 - x;
                        ty = h - 1 - y;
                    }
                    case 4 -> {
                        tx = x;
                        ty = h - 1 - y;
                    }
                    case 5 -> {
                        tx = y;
                        ty = x;
                    }
                    case 6 -> {
                        tx = h - 1 - y;
                        ty = x;
                    }
                    case 7 -> {
                        tx = h - 1 - y;
                        ty = w - 1 - x;
                    }
                    case 8 -> {
                        tx = y;
                        ty = w - 1 - x;
                    }
                    default -> {
                        tx = x;
                        ty = y;
                    }
                }
                to[ty * tw + tx] = from[y * w + x];
            }
        }
        BufferedImage turned = new BufferedImage(tw, swaps ? w : h, BufferedImage.TYPE_INT_RGB);
        turned.setRGB(0, 0, tw, swaps ? w : h, to, 0, tw);
        return turned;
    }

    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        return rgb;
    }

    private static StrippedImage png(Walk in, UploadedFile upload) throws IOException {
        StrippedImage.Builder out = new StrippedImage.Builder(upload);
        in.skipTo(8);
        out.copy(0, 8); // signature
        while (in.position() + 12 <= in.size()) {
            long chunk = in.position();
            long length = in.u32(false);
            String type = new String(in.bytes(4), StandardCharsets.ISO_8859_1);
            long size = 12 + length;
            if (length > Integer.MAX_VALUE || chunk + size > in.size()) {
                throw new IllegalArgumentException("truncated chunk");
            }
            if (!PNG_METADATA.contains(type)) {
                out.copy(chunk, size);
            }
            in.skipTo(chunk + size);
            if (type.equals("IEND")) {
                return out.build();
            }
        }
        throw new IllegalArgumentException("no IEND chunk");
    }

    private static StrippedImage webp(Walk in, UploadedFile upload) throws IOException {
        byte[] header = in.bytes(12); // RIFF, its size (rewritten below), WEBP
        StrippedImage.Builder chunks = new StrippedImage.Builder(upload);
        while (in.position() + 8 <= in.size()) {
            long chunk = in.position();
            String fourcc = new String(in.bytes(4), StandardCharsets.ISO_8859_1);
            long size = in.u32(true);
            long padded = 8 + size + (size & 1);
            if (size > Integer.MAX_VALUE || chunk + 8 + size > in.size()) {
                throw new IllegalArgumentException("truncated chunk");
            }
            if (!WEBP_METADATA.contains(fourcc)) {
                long kept = Math.min(padded, in.size() - chunk);
                if (fourcc.equals("VP8X")) {
                    if (size < 1) {
                        throw new IllegalArgumentException("VP8X without flags");
                    }
                    byte[] flags = {(byte) (in.u8() & ~(0x20 | 0x08 | 0x04))}; // no ICC, EXIF or XMP any more
                    chunks.copy(chunk, 8);
                    chunks.insert(flags);
                    chunks.copy(chunk + 9, kept - 9);
                } else {
                    chunks.copy(chunk, kept);
                }
            }
            in.skipTo(chunk + padded);
        }
        long riffSize = chunks.length() + 4;
        if (riffSize > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("too large");
        }
        header[4] = (byte) riffSize;
        header[5] = (byte) (riffSize >> 8);
        header[6] = (byte) (riffSize >> 16);
        header[7] = (byte) (riffSize >> 24);
        return chunks.build().inserting(0, header);
    }

    /**
     * One pass over an upload that reads headers and skips the rest: where it is, how long the file is, and a
     * few bytes at a time (never more than a segment, at most 64 KB in a JPEG).
     */
    private static final class Walk implements AutoCloseable {
        private final UploadedFile upload;
        private final InputStream in;
        private long position;

        Walk(UploadedFile upload) throws IOException {
            this.upload = upload;
            this.in = new BufferedInputStream(upload.open());
        }

        long position() {
            return position;
        }

        long size() {
            return upload.size();
        }

        int u8() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            position++;
            return b;
        }

        int u16() throws IOException {
            return (u8() << 8) | u8();
        }

        long u32(boolean little) throws IOException {
            byte[] b = bytes(4);
            return read(b, 0, 4, little) & 0xFFFFFFFFL;
        }

        byte[] bytes(int count) throws IOException {
            byte[] b = in.readNBytes(count);
            if (b.length < count) {
                throw new EOFException();
            }
            position += count;
            return b;
        }

        /** Skips forward to {@code target}; the end of the file ends the skip. */
        void skipTo(long target) throws IOException {
            long skipped = 0;
            long wanted = target - position;
            while (skipped < wanted) {
                long n = in.skip(wanted - skipped);
                if (n <= 0) {
                    if (in.read() < 0) {
                        break;
                    }
                    n = 1;
                }
                skipped += n;
            }
            position = target;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
