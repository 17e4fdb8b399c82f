-- Subscriptions and invoices (issue 21): products and their recurring prices, subscriptions of a
-- customer to a price, and the invoices the billing scheduler creates, finalizes and charges.

CREATE TABLE billing_products (
    id                  varchar(40)  PRIMARY KEY,
    merchant_id         varchar(40)  NOT NULL REFERENCES merchants (id),
    name                varchar(255) NOT NULL,
    description         varchar(500),
    active              boolean      NOT NULL DEFAULT true,
    metadata            jsonb,
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    idempotency_key     varchar(255),
    request_fingerprint varchar(128),
    CONSTRAINT billing_products_merchant_idempotency_key_uq UNIQUE (merchant_id, idempotency_key)
);
CREATE INDEX billing_products_merchant_list_idx ON billing_products (merchant_id, created_at DESC, id DESC);

CREATE TABLE billing_prices (
    id                  varchar(40)  PRIMARY KEY,
    merchant_id         varchar(40)  NOT NULL REFERENCES merchants (id),
    product_id          varchar(40)  NOT NULL REFERENCES billing_products (id),
    unit_amount         bigint       NOT NULL CHECK (unit_amount > 0),
    currency            char(3)      NOT NULL,
    interval            varchar(8)   NOT NULL CHECK (interval IN ('day', 'week', 'month', 'year')),
    interval_count      integer      NOT NULL CHECK (interval_count BETWEEN 1 AND 365),
    nickname            varchar(255),
    active              boolean      NOT NULL DEFAULT true,
    metadata            jsonb,
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    idempotency_key     varchar(255),
    request_fingerprint varchar(128),
    CONSTRAINT billing_prices_merchant_idempotency_key_uq UNIQUE (merchant_id, idempotency_key)
);
CREATE INDEX billing_prices_merchant_list_idx ON billing_prices (merchant_id, created_at DESC, id DESC);

CREATE TABLE subscriptions (
    id                    varchar(40)  PRIMARY KEY,
    merchant_id           varchar(40)  NOT NULL REFERENCES merchants (id),
    customer_id           varchar(40)  NOT NULL REFERENCES customers (id),
    price_id              varchar(40)  NOT NULL REFERENCES billing_prices (id),
    quantity              integer      NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    -- The saved method charged; NULL: the customer's default at each charge.
    payment_method        varchar(40),
    status                varchar(16)  NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'unpaid',
                              'canceled', 'paused')),
    billing_cycle_anchor  timestamptz  NOT NULL,
    current_period_start  timestamptz  NOT NULL,
    current_period_end    timestamptz  NOT NULL,
    -- Periods invoiced so far since the anchor (the next renewal starts period number period_index + 1).
    period_index          integer      NOT NULL DEFAULT 0,
    trial_start           timestamptz,
    trial_end             timestamptz,
    cancel_at_period_end  boolean      NOT NULL DEFAULT false,
    canceled_at           timestamptz,
    ended_at              timestamptz,
    paused_at             timestamptz,
    metadata              jsonb,
    version               integer      NOT NULL DEFAULT 1,
    created_at            timestamptz  NOT NULL,
    updated_at            timestamptz  NOT NULL,
    idempotency_key       varchar(255),
    request_fingerprint   varchar(128),
    CONSTRAINT subscriptions_merchant_idempotency_key_uq UNIQUE (merchant_id, idempotency_key)
);
CREATE INDEX subscriptions_merchant_list_idx ON subscriptions (merchant_id, created_at DESC, id DESC);
-- What the scheduler claims: live subscriptions whose period has ended.
CREATE INDEX subscriptions_due_idx ON subscriptions (current_period_end)
    WHERE status IN ('trialing', 'active', 'past_due');

-- One row per merchant: the last invoice number given. Taken with UPDATE … RETURNING in the
-- transaction that finalizes the invoice, so numbers have no gaps and no duplicates.
CREATE TABLE invoice_number_counters (
    merchant_id  varchar(40) PRIMARY KEY REFERENCES merchants (id),
    last_number  bigint      NOT NULL
);

CREATE TABLE invoices (
    id                    varchar(40)  PRIMARY KEY,
    merchant_id           varchar(40)  NOT NULL REFERENCES merchants (id),
    customer_id           varchar(40)  NOT NULL REFERENCES customers (id),
    subscription_id       varchar(40)  REFERENCES subscriptions (id),
    number                varchar(32),
    status                varchar(16)  NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
    billing_reason        varchar(32)  NOT NULL,
    currency              char(3)      NOT NULL,
    subtotal              bigint       NOT NULL CHECK (subtotal >= 0),
    total                 bigint       NOT NULL CHECK (total >= 0),
    amount_paid           bigint       NOT NULL DEFAULT 0,
    amount_due            bigint       NOT NULL CHECK (amount_due >= 0),
    period_start          timestamptz  NOT NULL,
    period_end            timestamptz  NOT NULL,
    -- Charge attempts started; the payment of attempt n has the idempotency key invoice:{id}:attempt:{n}.
    attempt_count         integer      NOT NULL DEFAULT 0,
    -- The latest attempt was started and its outcome is not recorded yet (a crash, or a pending payment).
    attempt_in_flight     boolean      NOT NULL DEFAULT false,
    -- When the scheduler charges it next (NULL: not automatically).
    next_payment_attempt  timestamptz,
    -- A claimed charge is this pod's until then; a crashed pod's claim expires.
    lease_until           timestamptz,
    payment_id            varchar(40),
    last_error            varchar(255),
    hosted_token          varchar(64)  NOT NULL UNIQUE,
    created_at            timestamptz  NOT NULL,
    updated_at            timestamptz  NOT NULL,
    finalized_at          timestamptz,
    paid_at               timestamptz,
    voided_at             timestamptz,
    marked_uncollectible_at timestamptz,
    CONSTRAINT invoices_merchant_number_uq UNIQUE (merchant_id, number),
    CONSTRAINT invoices_subscription_period_uq UNIQUE (subscription_id, period_start)
);
CREATE INDEX invoices_merchant_list_idx ON invoices (merchant_id, created_at DESC, id DESC);
CREATE INDEX invoices_subscription_idx ON invoices (subscription_id, created_at);
CREATE INDEX invoices_due_idx ON invoices (next_payment_attempt) WHERE status = 'open';

CREATE TABLE invoice_lines (
    id            varchar(40)  PRIMARY KEY,
    invoice_id    varchar(40)  NOT NULL REFERENCES invoices (id),
    merchant_id   varchar(40)  NOT NULL REFERENCES merchants (id),
    description   varchar(500) NOT NULL,
    price_id      varchar(40)  REFERENCES billing_prices (id),
    quantity      integer      NOT NULL,
    unit_amount   bigint       NOT NULL,
    amount        bigint       NOT NULL,
    period_start  timestamptz  NOT NULL,
    period_end    timestamptz  NOT NULL,
    position      integer      NOT NULL
);
CREATE INDEX invoice_lines_invoice_idx ON invoice_lines (invoice_id, position);
