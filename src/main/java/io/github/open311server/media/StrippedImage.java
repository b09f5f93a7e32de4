package io.github.open311server.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.github.open311server.web.FormFields;
import io.github.open311server.web.FormFields.UploadedFile;

/**
 * A photo as it will be stored, described rather than held: ranges of the upload's file in order, with a few
 * bytes of the server's own between them (a rewritten header, an orientation tag). Its length is known before a
 * byte is read, so the object store and PostgreSQL are given a stream of known length, and the photo is never
 * whole in memory; {@link #open} reads the upload again from the start.
 */
public final class StrippedImage {

    private sealed interface Piece permits Copy, Insert {
        long length();
    }

    /** {@code length} bytes of the upload from {@code offset}. */
    private record Copy(long offset, long length) implements Piece {}

    /** Bytes the upload does not have. */
    private record Insert(byte[] bytes) implements Piece {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    private final FormFields.Content source;
    private final List<Piece> pieces;
    private final long length;

    private StrippedImage(FormFields.Content source, List<Piece> pieces) {
        this.source = source;
        this.pieces = List.copyOf(pieces);
        this.length = pieces.stream().mapToLong(Piece::length).sum();
    }

    /** The upload as it came (nothing to strip). */
    static StrippedImage whole(UploadedFile upload) {
        return new StrippedImage(upload.content(), List.of(new Copy(0, upload.size())));
    }

    /** An image the server encoded itself (a photo turned upright). */
    static StrippedImage encoded(byte[] bytes) {
        return new StrippedImage(null, List.of(new Insert(bytes)));
    }

    public long length() {
        return length;
    }

    /** The image with {@code bytes} inserted at {@code position} of its own bytes. */
    StrippedImage inserting(long position, byte[] bytes) {
        List<Piece> result = new ArrayList<>();
        long at = 0;
        boolean inserted = false;
        for (Piece piece : pieces) {
            if (!inserted && position <= at + piece.length()) {
                long before = position - at;
                if (before == 0) {
                    result.add(new Insert(bytes));
                    result.add(piece);
                } else if (piece instanceof Copy copy) {
                    result.add(new Copy(copy.offset(), before));
                    result.add(new Insert(bytes));
                    result.add(new Copy(copy.offset() + before, copy.length() - before));
                } else {
                    throw new IllegalArgumentException("inserts go between the upload's bytes, not into inserts");
                }
                inserted = true;
            } else {
                result.add(piece);
            }
            at += piece.length();
        }
        if (!inserted) {
            result.add(new Insert(bytes));
        }
        return new StrippedImage(source, result);
    }

    /** Reads the image from its first byte: the upload again from its start, a piece at a time. */
    public InputStream open() throws IOException {
        return new Reader(source == null ? InputStream.nullInputStream() : source.open());
    }

    /** Collects the pieces of an image while its upload is walked, joining neighbouring ranges. */
    static final class Builder {
        private final FormFields.Content source;
        private final List<Piece> pieces = new ArrayList<>();

        Builder(UploadedFile upload) {
            this.source = upload.content();
        }

        void copy(long offset, long length) {
            if (length <= 0) {
                return;
            }
            if (!pieces.isEmpty()
                    && pieces.get(pieces.size() - 1) instanceof Copy last
                    && last.offset() + last.length() == offset) {
                pieces.set(pieces.size() - 1, new Copy(last.offset(), last.length() + length));
            } else {
                pieces.add(new Copy(offset, length));
            }
        }

        void insert(byte[] bytes) {
            pieces.add(new Insert(bytes));
        }

        StrippedImage build() {
            return new StrippedImage(source, pieces);
        }

        long length() {
            return pieces.stream().mapToLong(Piece::length).sum();
        }
    }

    /** The pieces in order; ranges are read from the one stream of the upload, skipping what was dropped. */
    private final class Reader extends InputStream {
        private final InputStream upload;
        private long uploadPosition;
        private int piece = -1;
        private long leftInPiece;

        Reader(InputStream upload) {
            this.upload = upload;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            while (leftInPiece == 0) {
                if (++piece >= pieces.size()) {
                    return -1;
                }
                leftInPiece = pieces.get(piece).length();
                if (pieces.get(piece) instanceof Copy copy) {
                    upload.skipNBytes(copy.offset() - uploadPosition); // ranges only move forward
                    uploadPosition = copy.offset();
                }
            }
            int n = (int) Math.min(count, leftInPiece);
            if (pieces.get(piece) instanceof Insert insert) {
                int from = (int) (insert.bytes().length - leftInPiece);
                System.arraycopy(insert.bytes(), from, buffer, offset, n);
            } else {
                n = upload.read(buffer, offset, n);
                if (n < 0) {
                    throw new IOException("The upload is shorter than when it was checked");
                }
                uploadPosition += n;
            }
            leftInPiece -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            upload.close();
        }
    }
}
