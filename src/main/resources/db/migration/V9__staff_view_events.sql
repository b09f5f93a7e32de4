-- Staff integrations: a subscription (or a feed reader) with the staff view also gets the submitter's
-- contact data and internal notes. Neither is copied into the outbox: both are joined in when a staff
-- view is sent, so erasing a submitter's data also erases it from every later delivery.
ALTER TABLE events
    -- an event only staff views see (an internal note alone); public readers never get it
    ADD COLUMN staff_only        boolean NOT NULL DEFAULT false,
    ADD COLUMN internal_note_ref bigint REFERENCES request_history (id) ON DELETE SET NULL;

ALTER TABLE webhook_subscriptions
    ADD COLUMN staff_view boolean NOT NULL DEFAULT false;
