-- Fraud rules (issue 20). Each payment keeps the risk decision it was made with: {score, decision, reasons,
-- review, signals}; signals holds what the velocity rules key on (customer id, keyed digests of the e-mail and
-- the client IP, never the address itself), so PostgreSQL can count them when Redis is unavailable.
ALTER TABLE payments ADD COLUMN risk jsonb;
CREATE INDEX payments_risk_customer_idx ON payments (merchant_id, (risk -> 'signals' ->> 'customer'), created_at)
    WHERE risk -> 'signals' ? 'customer';

-- A merchant's risk settings (threshold and rule parameters); no row means the defaults (risk_threshold 75).
CREATE TABLE risk_settings (
    merchant_id  varchar(40)  PRIMARY KEY REFERENCES merchants (id),
    settings     jsonb        NOT NULL,
    updated_at   timestamptz  NOT NULL
);

-- Block lists: a payment matching an entry of its merchant is blocked without calling the provider.
CREATE TABLE risk_blocklist (
    id           varchar(40)   PRIMARY KEY,
    merchant_id  varchar(40)   NOT NULL REFERENCES merchants (id),
    type         varchar(20)   NOT NULL CHECK (type IN ('card_fingerprint', 'email', 'ip', 'bin')),
    value        varchar(255)  NOT NULL,
    note         varchar(500),
    created_at   timestamptz   NOT NULL
);
CREATE UNIQUE INDEX risk_blocklist_merchant_value_uq ON risk_blocklist (merchant_id, type, value);
CREATE INDEX risk_blocklist_merchant_created_idx ON risk_blocklist (merchant_id, created_at DESC, id DESC);
