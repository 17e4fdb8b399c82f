-- Webhooks (outbound delivery from the events outbox, inbound provider events) and asynchronous jobs.

-- The merchant's one webhook endpoint stays on the merchants row (webhook_url, webhook_secret), so the
-- admin API and the seeded merchant keep working. From V5 on webhook_secret holds the secret sealed
-- with AES-GCM ("enc:v1:<key id>:<base64>"); plaintext "whsec_" values of older rows are sealed at
-- start-up by WebhookSecretSealer and still read until then.
ALTER TABLE merchants
    ADD COLUMN webhook_enabled                    boolean      NOT NULL DEFAULT true,
    ADD COLUMN webhook_events                     text[],
    ADD COLUMN webhook_previous_secret            text,
    ADD COLUMN webhook_previous_secret_expires_at timestamptz,
    ADD COLUMN webhook_disabled_reason            varchar(64),
    ADD COLUMN webhook_updated_at                 timestamptz;

-- Delivery state of each outbox event. Rows that existed before V5 were never announced and are
-- not delivered now ('skipped'); new rows start 'pending'.
ALTER TABLE events
    ADD COLUMN delivery_status       varchar(10) NOT NULL DEFAULT 'skipped'
        CHECK (delivery_status IN ('pending', 'delivered', 'failed', 'skipped')),
    ADD COLUMN delivery_attempts     integer     NOT NULL DEFAULT 0,
    ADD COLUMN delivery_max_attempts integer,
    ADD COLUMN next_attempt_at       timestamptz,
    ADD COLUMN delivered_at          timestamptz;
ALTER TABLE events ALTER COLUMN delivery_status SET DEFAULT 'pending';
ALTER TABLE events ALTER COLUMN next_attempt_at SET DEFAULT now();
-- The dispatcher's queue: only pending rows are indexed.
CREATE INDEX events_pending_idx ON events (next_attempt_at) WHERE delivery_status = 'pending';

-- Every delivery attempt.
CREATE TABLE webhook_deliveries (
    id              varchar(40)  PRIMARY KEY,
    merchant_id     varchar(40)  NOT NULL REFERENCES merchants (id),
    event_id        varchar(40)  NOT NULL REFERENCES events (id),
    event_type      varchar(48)  NOT NULL,
    attempt         integer      NOT NULL CHECK (attempt > 0),
    status          varchar(10)  NOT NULL CHECK (status IN ('succeeded', 'failed')),
    url             text         NOT NULL,
    response_status integer,
    response_body   varchar(1024),
    error           varchar(255),
    latency_ms      integer      NOT NULL,
    next_retry_at   timestamptz,
    created_at      timestamptz  NOT NULL
);
CREATE INDEX webhook_deliveries_merchant_idx ON webhook_deliveries (merchant_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (event_id, attempt);

-- Inbound provider events: the primary key de-duplicates retries of the provider.
CREATE TABLE provider_events (
    provider           varchar(32)  NOT NULL,
    event_id           varchar(255) NOT NULL,
    event_type         varchar(64)  NOT NULL,
    kind               varchar(24)  NOT NULL,
    provider_reference varchar(255),
    amount             bigint,
    decline_code       varchar(64),
    status             varchar(10)  NOT NULL DEFAULT 'received'
        CHECK (status IN ('received', 'applied', 'ignored', 'unmatched')),
    object_id          varchar(40),
    attempts           integer      NOT NULL DEFAULT 0,
    retry_at           timestamptz,
    received_at        timestamptz  NOT NULL,
    processed_at       timestamptz,
    PRIMARY KEY (provider, event_id)
);
CREATE INDEX provider_events_received_idx ON provider_events (retry_at) WHERE status = 'received';
CREATE INDEX payments_provider_reference_idx ON payments (provider, provider_reference)
    WHERE provider_reference IS NOT NULL;
CREATE INDEX refunds_provider_reference_idx ON refunds (provider_reference) WHERE provider_reference IS NOT NULL;

-- Payments accepted with "Prefer: respond-async", waiting for a worker to call the provider.
CREATE TABLE payment_jobs (
    payment_id   varchar(40)  PRIMARY KEY REFERENCES payments (id),
    merchant_id  varchar(40)  NOT NULL REFERENCES merchants (id),
    attempts     integer      NOT NULL DEFAULT 0,
    run_at       timestamptz  NOT NULL,
    locked_until timestamptz,
    last_error   varchar(255),
    created_at   timestamptz  NOT NULL
);
CREATE INDEX payment_jobs_run_idx ON payment_jobs (run_at);

-- Refunds the provider settles later are re-checked by the refund settler.
ALTER TABLE refunds
    ADD COLUMN check_attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN next_check_at  timestamptz;
CREATE INDEX refunds_pending_idx ON refunds (created_at) WHERE status = 'pending';
