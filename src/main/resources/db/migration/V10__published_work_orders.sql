-- A city may publish the work order and assignee of its requests in extended_attributes (off by default:
-- an assignee can be a person's name).
ALTER TABLE jurisdictions ADD COLUMN publish_work_orders boolean NOT NULL DEFAULT false;
