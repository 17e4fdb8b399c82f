-- Saved payment methods (issue 20): a customer's card as the provider that issued its reusable token
-- knows it. Only the token and what the merchant may see (brand, last four, expiry) are stored, with the
-- keyed fingerprint (card/CardFingerprinter) that recognises the same card saved again — never the PAN
-- or CVC. A method is tied to the provider that issued it: payments with it go only there. A detached
-- method keeps its row (payments refer to it) with detached_at set and is never charged again.
CREATE TABLE payment_methods (
    id                 varchar(40)   PRIMARY KEY,
    merchant_id        varchar(40)   NOT NULL REFERENCES merchants (id),
    customer_id        varchar(40)   NOT NULL REFERENCES customers (id),
    provider           varchar(40)   NOT NULL,
    provider_token     varchar(255)  NOT NULL,
    provider_customer  varchar(255),
    brand              varchar(20)   NOT NULL,
    last4              varchar(4)    NOT NULL,
    exp_month          integer       NOT NULL,
    exp_year           integer       NOT NULL,
    fingerprint        varchar(64)   NOT NULL,
    created_at         timestamptz   NOT NULL,
    updated_at         timestamptz   NOT NULL,
    detached_at        timestamptz
);
-- The same card saved again at the same provider is the same method.
CREATE UNIQUE INDEX payment_methods_active_card_uq ON payment_methods (merchant_id, customer_id, provider, fingerprint)
    WHERE detached_at IS NULL;
CREATE INDEX payment_methods_customer_idx ON payment_methods (merchant_id, customer_id, created_at DESC, id DESC);

ALTER TABLE customers ADD COLUMN default_payment_method varchar(40);

ALTER TABLE payments ADD COLUMN customer_id varchar(40);
ALTER TABLE payments ADD COLUMN payment_method_id varchar(40);
ALTER TABLE payments ADD COLUMN off_session boolean NOT NULL DEFAULT false;
CREATE INDEX payments_merchant_customer_idx ON payments (merchant_id, customer_id) WHERE customer_id IS NOT NULL;
