-- The work order a city's crew system opened for a request, and who was assigned to it (a crew or a person).
ALTER TABLE service_requests
    ADD COLUMN work_order_system text,
    ADD COLUMN work_order_id     text,
    ADD COLUMN work_order_url    text,
    ADD COLUMN assignee          text;
