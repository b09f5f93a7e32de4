package io.github.open311server.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

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

    /** The image without its metadata; the bytes unchanged for a type with nothing to strip (GIF). */
    public static byte[] strip(String contentType, byte[] image) {
        try {
            return switch (contentType) {
                case "image/jpeg" -> jpeg(image);
                case "image/png" -> png(image);
                case "image/webp" -> webp(image);
                default -> image;
            };
        } catch (RuntimeException malformed) {
            // a file too broken to walk is not published with its metadata: it is refused instead
            throw Open311Exception.badRequest("The uploaded image is damaged");
        }
    }

    private static byte[] jpeg(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, 2); // SOI
        int orientation = 1;
        long pixels = -1; // from the frame header; unknown until one is seen
        int i = 2;
        while (i + 4 <= in.length) {
            if ((in[i] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("not a marker");
            }
            int marker = in[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            int length = ((in[i + 2] & 0xFF) << 8) | (in[i + 3] & 0xFF);
            if (marker == 0xDA) { // start of scan: the rest is image data
                out.write(in, i, in.length - i);
                break;
            }
            boolean metadata =
                    marker == 0xFE || (marker >= 0xE1 && marker <= 0xEF && marker != 0xEE); // keep JFIF, Adobe
            if (marker == 0xE1 && orientation == 1) {
                orientation = exifOrientation(in, i + 4, length - 2);
            }
            if (isStartOfFrame(marker) && length >= 7) {
                pixels = (long) read(in, i + 5, 2, false) * read(in, i + 7, 2, false);
            }
            if (!metadata) {
                out.write(in, i, 2 + length);
            }
            i += 2 + length;
        }
        byte[] stripped = out.toByteArray();
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
    static byte[] withOrientationOnly(byte[] jpeg, int orientation) {
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
        byte[] out = new byte[jpeg.length + exif.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(exif, 0, out, 2, exif.length);
        System.arraycopy(jpeg, 2, out, 2 + exif.length, jpeg.length - 2);
        return out;
    }

    /** The orientation tag (0x0112) of IFD0 in an APP1 Exif segment, or 1. */
    private static int exifOrientation(byte[] b, int start, int length) {
        if (length < 14 || b[start] != 'E' || b[start + 1] != 'x' || b[start + 2] != 'i' || b[start + 3] != 'f') {
            return 1;
        }
        int tiff = start + 6;
        boolean little = b[tiff] == 'I';
        int ifd = tiff + read(b, tiff + 4, 4, little);
        int entries = read(b, ifd, 2, little);
        for (int e = 0; e < entries; e++) {
            int entry = ifd + 2 + e * 12;
            if (entry + 12 > start + length) {
                return 1;
            }
            if (read(b, entry, 2, little) == 0x0112) {
                return read(b, entry + 8, 2, little);
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
    private static byte[] upright(byte[] jpeg, int orientation) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                return withOrientationOnly(jpeg, orientation); // a colour model ImageIO cannot decode (CMYK)
            }
            BufferedImage turned = turn(toRgb(image), orientation);
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.92f);
                writer.write(null, new IIOImage(turned, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
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

    private static byte[] png(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, 8); // signature
        int i = 8;
        while (i + 12 <= in.length) {
            int length = read(in, i, 4, false);
            String type = new String(in, i + 4, 4, StandardCharsets.ISO_8859_1);
            int size = 12 + length;
            if (length < 0 || i + size > in.length) {
                throw new IllegalArgumentException("truncated chunk");
            }
            if (!PNG_METADATA.contains(type)) {
                out.write(in, i, size);
            }
            i += size;
            if (type.equals("IEND")) {
                return out.toByteArray();
            }
        }
        throw new IllegalArgumentException("no IEND chunk");
    }

    private static byte[] webp(byte[] in) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream(in.length);
        int i = 12;
        while (i + 8 <= in.length) {
            String fourcc = new String(in, i, 4, StandardCharsets.ISO_8859_1);
            int size = read(in, i + 4, 4, true);
            int padded = 8 + size + (size & 1);
            if (size < 0 || i + 8 + size > in.length) {
                throw new IllegalArgumentException("truncated chunk");
            }
            if (!WEBP_METADATA.contains(fourcc)) {
                int start = chunks.size();
                chunks.write(in, i, Math.min(padded, in.length - i));
                if (fourcc.equals("VP8X")) {
                    byte[] soFar = chunks.toByteArray();
                    soFar[start + 8] &= (byte) ~(0x20 | 0x08 | 0x04); // no ICC, EXIF or XMP any more
                    chunks.reset();
                    chunks.write(soFar, 0, soFar.length);
                }
            }
            i += padded;
        }
        byte[] body = chunks.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 12);
        int riffSize = body.length + 4;
        out.write(in, 0, 4);
        out.write(
                new byte[] {(byte) riffSize, (byte) (riffSize >> 8), (byte) (riffSize >> 16), (byte) (riffSize >> 24)},
                0,
                4);
        out.write(in, 8, 4);
        out.write(body, 0, body.length);
        return out.toByteArray();
    }
}
