-- Connectors: every provider call of a payment is an attempt; merchants' provider accounts with
-- encrypted credentials; the reconciliation queue of payments whose outcome is unknown.

-- One row per call to a provider. The provider idempotency key is derived from the attempt id,
-- written before the first call and resent on every retry of that call.
CREATE TABLE payment_attempts (
    id                       varchar(40)  PRIMARY KEY,
    payment_id               varchar(40)  NOT NULL REFERENCES payments (id),
    merchant_id              varchar(40)  NOT NULL REFERENCES merchants (id),
    provider                 varchar(32)  NOT NULL,
    provider_idempotency_key varchar(255) NOT NULL,
    operation                varchar(16)  NOT NULL CHECK (operation IN ('authorize', 'capture', 'void', 'status')),
    outcome                  varchar(16)  NOT NULL CHECK (outcome IN ('in_flight', 'succeeded', 'declined', 'pending',
                                 'requires_action', 'unknown', 'not_sent')),
    provider_reference       varchar(255),
    latency_ms               integer,
    error_code               varchar(64),
    created_at               timestamptz  NOT NULL,
    updated_at               timestamptz  NOT NULL
);
CREATE INDEX payment_attempts_payment_idx ON payment_attempts (payment_id, created_at);
CREATE UNIQUE INDEX payment_attempts_provider_key_uq ON payment_attempts (provider, provider_idempotency_key);

-- A merchant's accounts at providers. Credentials are AES-256-GCM ciphertext (nonce || ciphertext
-- || tag) under the key named by credentials_key_id, so keys can rotate.
CREATE TABLE provider_accounts (
    merchant_id            varchar(40)  NOT NULL REFERENCES merchants (id),
    provider               varchar(32)  NOT NULL,
    enabled                boolean      NOT NULL DEFAULT true,
    priority               integer      NOT NULL DEFAULT 100,
    credentials_ciphertext bytea,
    credentials_key_id     varchar(64),
    created_at             timestamptz  NOT NULL,
    updated_at             timestamptz  NOT NULL,
    CONSTRAINT provider_accounts_merchant_provider_uq UNIQUE (merchant_id, provider),
    CONSTRAINT provider_accounts_key_with_ciphertext CHECK ((credentials_ciphertext IS NULL) = (credentials_key_id IS NULL))
);

-- Per merchant: order eligible providers by their recent success rate instead of by priority.
ALTER TABLE merchants ADD COLUMN routing_by_success_rate boolean NOT NULL DEFAULT false;

-- The reconciliation queue: payments in 'unknown' wait until reconcile_after; the reconciler claims
-- them with FOR UPDATE SKIP LOCKED and pushes reconcile_after along its backoff schedule. A new
-- payment gets a reconcile_after too, cleared when its answer is stored: one left 'processing' with
-- it set was lost by a process that died during the provider call.
ALTER TABLE payments ADD COLUMN reconcile_after timestamptz;
ALTER TABLE payments ADD COLUMN reconcile_attempts integer NOT NULL DEFAULT 0;
CREATE INDEX payments_reconcile_idx ON payments (reconcile_after) WHERE status IN ('unknown', 'processing');
