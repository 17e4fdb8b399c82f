-- Disputes (chargebacks and inquiries) reported by the providers' events, one row per
-- (provider, provider account, provider dispute id): a repeated or out-of-order event finds the row
-- its first event made. The provider account is that of the disputed payment (payments.provider_account).
CREATE TABLE disputes (
    id                    varchar(40)  PRIMARY KEY,
    merchant_id           varchar(40)  NOT NULL REFERENCES merchants (id),
    payment_id            varchar(40)  NOT NULL REFERENCES payments (id),
    provider              varchar(32)  NOT NULL,
    provider_account      varchar(40)  NOT NULL,
    provider_dispute_id   varchar(255) NOT NULL,
    reason                varchar(64),
    amount                bigint       NOT NULL CHECK (amount >= 0),
    currency              char(3)      NOT NULL,
    status                varchar(32)  NOT NULL CHECK (status IN ('warning_needs_response', 'warning_under_review',
                              'warning_closed', 'needs_response', 'under_review', 'won', 'lost')),
    evidence_due_by       timestamptz,
    funds_withdrawn       bigint       NOT NULL DEFAULT 0 CHECK (funds_withdrawn >= 0),
    funds_reinstated      bigint       NOT NULL DEFAULT 0 CHECK (funds_reinstated >= 0),
    evidence              jsonb        NOT NULL DEFAULT '{}'::jsonb,
    evidence_submitted_at timestamptz,
    -- The payment's status when the dispute opened: where a won dispute returns it.
    payment_status_before varchar(24),
    created_at            timestamptz  NOT NULL,
    updated_at            timestamptz  NOT NULL,
    closed_at             timestamptz,
    UNIQUE (provider, provider_account, provider_dispute_id)
);
CREATE INDEX disputes_merchant_list_idx ON disputes (merchant_id, created_at DESC, id DESC);
CREATE INDEX disputes_payment_idx ON disputes (payment_id);

-- The dispute an inbound event reported (JSON of connector.DisputeDetails), kept so that the
-- sweeper re-applies a stored event with everything it said.
ALTER TABLE provider_events ADD COLUMN dispute jsonb;
