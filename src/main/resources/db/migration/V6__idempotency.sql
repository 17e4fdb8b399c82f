-- Idempotency: Redis is the fast path; these are the truth when Redis loses a key or is down.

-- The request fingerprint (keyed HMAC of method, path and canonical body) of keyed payments, so a
-- key reused with another body is refused even when only PostgreSQL remembers it.
ALTER TABLE payments ADD COLUMN request_fingerprint varchar(64);

-- Orders and refunds carry the key too, so a retry after Redis lost it finds the first one.
ALTER TABLE orders ADD COLUMN idempotency_key varchar(255);
ALTER TABLE orders ADD COLUMN request_fingerprint varchar(64);
CREATE UNIQUE INDEX orders_merchant_idempotency_key_uq ON orders (merchant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- Used only while Redis is unreachable: the same claim / complete / replay protocol in SQL.
CREATE TABLE idempotency_keys (
    scope                 varchar(64)  NOT NULL,
    idempotency_key       varchar(255) NOT NULL,
    fingerprint           varchar(64)  NOT NULL,
    state                 varchar(12)  NOT NULL CHECK (state IN ('in_progress', 'completed')),
    locked_until          timestamptz  NOT NULL,
    response_status       integer,
    response_content_type varchar(100),
    response_headers      jsonb,
    response_body         bytea,
    created_at            timestamptz  NOT NULL DEFAULT now(),
    expires_at            timestamptz  NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);

ALTER TABLE refunds ADD COLUMN idempotency_key varchar(255);
ALTER TABLE refunds ADD COLUMN request_fingerprint varchar(64);
CREATE UNIQUE INDEX refunds_merchant_idempotency_key_uq ON refunds (merchant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
