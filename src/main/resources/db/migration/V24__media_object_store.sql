-- Photos at city scale: the bytes of a photo can live in an S3-compatible object store instead of this row
-- (open311.media.storage=s3). The row keeps everything the API decides with (request, type, moderation); a
-- photo is in exactly one place, which stored_in names.
ALTER TABLE request_media
    ALTER COLUMN bytes DROP NOT NULL,
    ADD COLUMN stored_in text NOT NULL DEFAULT 'database';
ALTER TABLE request_media
    ADD CONSTRAINT request_media_stored_in CHECK (stored_in IN ('database', 's3')),
    ADD CONSTRAINT request_media_bytes_here CHECK ((stored_in = 'database') = (bytes IS NOT NULL));
-- the migration to the object store reads the photos still here in batches
CREATE INDEX request_media_in_database_idx ON request_media (created_at, id) WHERE stored_in = 'database';
