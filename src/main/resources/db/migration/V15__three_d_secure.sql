-- 3-D Secure rules per merchant (issue 20). A merchant without a row has the defaults of a new
-- merchant: mode 'when_required' (Payrail never asks for authentication itself; the provider's demand
-- is played), no thresholds. Modes: 'always' (every on-session card payment), 'threshold' (amount at or
-- above the currency's threshold, else as 'when_required'), 'when_required', 'never' (no challenge is
-- ever played; a payment the provider insists on authenticating fails with authentication_required).
-- thresholds: {"USD": 3000, ...} in the currency's minor units; default_threshold applies to the
-- currencies not listed (NULL: those are never challenged by the threshold).
CREATE TABLE merchant_three_d_secure (
    merchant_id        varchar(40)  PRIMARY KEY REFERENCES merchants (id),
    mode               varchar(20)  NOT NULL CHECK (mode IN ('always', 'threshold', 'when_required', 'never')),
    default_threshold  bigint       CHECK (default_threshold >= 0),
    thresholds         jsonb        NOT NULL DEFAULT '{}',
    updated_at         timestamptz  NOT NULL
);

-- The payment's authentication: {requested, reason, status, version, liability_shift}; NULL for
-- payments that are not card payments.
ALTER TABLE payments ADD COLUMN three_d_secure jsonb;
