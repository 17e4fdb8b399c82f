-- What each webhook delivery attempt sent and got back, for the dashboard's delivery log:
-- the request headers as sent (webhook-id, webhook-timestamp, webhook-signature, content-type, …),
-- a copy of the request body (the event as signed), and the receiver's response headers (truncated).
-- Rows written before this migration have NULLs. The signing secret itself is never stored here.
ALTER TABLE webhook_deliveries
    ADD COLUMN request_headers  jsonb,
    ADD COLUMN request_body     text,
    ADD COLUMN response_headers varchar(4096);
