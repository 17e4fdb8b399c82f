-- Customers of a merchant (issue 20): who pays, for saved payment methods and subscriptions to build on.
-- Deleting one keeps the row (payments and, later, invoices refer to it) with deleted_at set; it then
-- disappears from reads and lists. Merchant-scoped like every table.
CREATE TABLE customers (
    id                   varchar(40)   PRIMARY KEY,
    merchant_id          varchar(40)   NOT NULL REFERENCES merchants (id),
    email                varchar(254),
    name                 varchar(255),
    phone                varchar(16),
    description          varchar(500),
    metadata             jsonb,
    created_at           timestamptz   NOT NULL,
    updated_at           timestamptz   NOT NULL,
    deleted_at           timestamptz,
    idempotency_key      varchar(255),
    request_fingerprint  varchar(64)
);
CREATE UNIQUE INDEX customers_merchant_idempotency_key_uq ON customers (merchant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX customers_merchant_created_idx ON customers (merchant_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX customers_merchant_email_idx ON customers (merchant_id, lower(email)) WHERE deleted_at IS NULL;
