-- Orders, payments, refunds, the event outbox and the audit trail.
-- Amounts are integers in the currency's minor unit. Every table is scoped by merchant_id.

CREATE TABLE orders (
    id           varchar(40)  PRIMARY KEY,
    merchant_id  varchar(40)  NOT NULL REFERENCES merchants (id),
    amount       bigint       NOT NULL CHECK (amount > 0),
    currency     char(3)      NOT NULL,
    receipt      varchar(255),
    notes        jsonb,
    status       varchar(16)  NOT NULL CHECK (status IN ('created', 'attempted', 'paid')),
    attempts     integer      NOT NULL DEFAULT 0,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL
);
CREATE INDEX orders_merchant_created_idx ON orders (merchant_id, created_at DESC, id DESC);

CREATE TABLE payments (
    id                 varchar(40)  PRIMARY KEY,
    merchant_id        varchar(40)  NOT NULL REFERENCES merchants (id),
    order_id           varchar(40)  NOT NULL REFERENCES orders (id),
    amount             bigint       NOT NULL CHECK (amount > 0),
    currency           char(3)      NOT NULL,
    status             varchar(20)  NOT NULL CHECK (status IN ('created', 'processing', 'requires_action',
                           'authorized', 'captured', 'failed', 'cancelled', 'partially_refunded', 'refunded',
                           'disputed', 'unknown')),
    method             varchar(16)  NOT NULL CHECK (method IN ('card', 'upi', 'wallet', 'bank_transfer')),
    method_details     jsonb        NOT NULL,
    capture_method     varchar(10)  NOT NULL CHECK (capture_method IN ('automatic', 'manual')),
    provider           varchar(32)  NOT NULL,
    provider_reference varchar(255),
    amount_authorized  bigint       NOT NULL DEFAULT 0,
    amount_captured    bigint       NOT NULL DEFAULT 0,
    amount_refunded    bigint       NOT NULL DEFAULT 0,
    error_code         varchar(64),
    error_description  varchar(500),
    decline_code       varchar(64),
    next_action        jsonb,
    metadata           jsonb,
    idempotency_key    varchar(255),
    version            integer      NOT NULL DEFAULT 1,
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL,
    CONSTRAINT payments_authorized_le_amount CHECK (amount_authorized <= amount),
    CONSTRAINT payments_captured_le_amount CHECK (amount_captured <= amount),
    CONSTRAINT payments_refunded_le_captured CHECK (amount_refunded >= 0 AND amount_refunded <= amount_captured)
);
CREATE INDEX payments_merchant_created_idx ON payments (merchant_id, created_at DESC, id DESC);
CREATE INDEX payments_order_idx ON payments (order_id);
-- Redis is the fast path for idempotency; this is the truth.
CREATE UNIQUE INDEX payments_merchant_idempotency_key_uq ON payments (merchant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- An order accepts at most one payment that is in flight or successful.
CREATE UNIQUE INDEX payments_one_live_per_order_uq ON payments (order_id)
    WHERE status NOT IN ('failed', 'cancelled');

CREATE TABLE refunds (
    id                 varchar(40)  PRIMARY KEY,
    merchant_id        varchar(40)  NOT NULL REFERENCES merchants (id),
    payment_id         varchar(40)  NOT NULL REFERENCES payments (id),
    amount             bigint       NOT NULL CHECK (amount > 0),
    currency           char(3)      NOT NULL,
    status             varchar(16)  NOT NULL CHECK (status IN ('pending', 'processed', 'failed')),
    reason             varchar(255),
    provider_reference varchar(255),
    error_code         varchar(64),
    error_description  varchar(500),
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL
);
CREATE INDEX refunds_payment_idx ON refunds (payment_id, created_at DESC, id DESC);
CREATE INDEX refunds_merchant_idx ON refunds (merchant_id, created_at DESC);

-- The outbox: one row per state change, written in the same transaction as the change.
CREATE TABLE events (
    id           varchar(40)  PRIMARY KEY,
    merchant_id  varchar(40)  NOT NULL REFERENCES merchants (id),
    type         varchar(48)  NOT NULL,
    object_id    varchar(40)  NOT NULL,
    payload      jsonb        NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX events_object_idx ON events (object_id, created_at);
CREATE INDEX events_merchant_created_idx ON events (merchant_id, created_at DESC);

-- Who did what: append-only.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_type  varchar(16)  NOT NULL CHECK (actor_type IN ('merchant', 'admin', 'system')),
    actor_id    varchar(64),
    merchant_id varchar(40),
    action      varchar(64)  NOT NULL,
    object_id   varchar(40),
    request_id  varchar(128),
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_merchant_idx ON audit_log (merchant_id, created_at DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
