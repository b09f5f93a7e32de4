-- Retention may take the photos too (a jurisdiction's choice); the right to erasure always does. A receipt says
-- how many photos went.
ALTER TABLE jurisdictions ADD COLUMN retention_erases_photos boolean NOT NULL DEFAULT false;
ALTER TABLE personal_data_erasures ADD COLUMN photos integer NOT NULL DEFAULT 0;
