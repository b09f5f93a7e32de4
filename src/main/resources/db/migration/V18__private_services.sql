-- A private service's requests never appear in public answers (abuse or code-enforcement reports): filed like any
-- other, worked in the staff queue, told to the citizen by mail, but not published. Blackbox services publish
-- nothing either way.
ALTER TABLE services ADD COLUMN private boolean NOT NULL DEFAULT false;
