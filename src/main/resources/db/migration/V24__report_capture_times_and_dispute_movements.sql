-- Reports date money by when it moved.
--
-- 1. When a payment first captured money. A trigger sets it on whichever path writes amount_captured
--    (the payment flows, imports, tests): on insert the row's created_at, on update the updated_at the
--    update wrote (now() if it wrote none). Existing rows: the first payment.captured event, else created_at.
ALTER TABLE payments ADD COLUMN captured_at timestamptz;

UPDATE payments p
   SET captured_at = coalesce((SELECT min(e.created_at) FROM events e
                                WHERE e.object_id = p.id AND e.merchant_id = p.merchant_id
                                  AND e.type = 'payment.captured'), p.created_at)
 WHERE p.amount_captured > 0;

CREATE FUNCTION payments_set_captured_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.captured_at IS NULL AND NEW.amount_captured > 0 THEN
        IF TG_OP = 'INSERT' THEN
            NEW.captured_at := NEW.created_at;
        ELSIF NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN
            NEW.captured_at := NEW.updated_at;
        ELSE
            NEW.captured_at := now();
        END IF;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER payments_captured_at BEFORE INSERT OR UPDATE OF amount_captured ON payments
    FOR EACH ROW EXECUTE FUNCTION payments_set_captured_at();

CREATE INDEX payments_merchant_captured_idx ON payments (merchant_id, captured_at, id) WHERE captured_at IS NOT NULL;

-- 2. The money a dispute moved, one row per change the provider reported (disputes.funds_withdrawn and
--    funds_reinstated only grow): a withdrawal takes the growth of funds_withdrawn, a reinstatement that
--    of funds_reinstated, at the time Payrail recorded it. Written with the dispute's change (DisputeStore).
CREATE TABLE dispute_movements (
    id          varchar(40) PRIMARY KEY,
    merchant_id varchar(40) NOT NULL REFERENCES merchants (id),
    dispute_id  varchar(40) NOT NULL REFERENCES disputes (id),
    payment_id  varchar(40) NOT NULL REFERENCES payments (id),
    provider    varchar(32) NOT NULL,
    currency    char(3)     NOT NULL,
    kind        varchar(16) NOT NULL CHECK (kind IN ('withdrawal', 'reinstatement')),
    amount      bigint      NOT NULL CHECK (amount > 0),
    occurred_at timestamptz NOT NULL
);
CREATE INDEX dispute_movements_merchant_idx ON dispute_movements (merchant_id, occurred_at, id);

-- Disputes recorded before: their withdrawal when they opened, their reinstatement when they closed (or last changed).
INSERT INTO dispute_movements (id, merchant_id, dispute_id, payment_id, provider, currency, kind, amount, occurred_at)
SELECT 'dm_w' || substr(md5(id), 1, 24), merchant_id, id, payment_id, provider, currency, 'withdrawal', funds_withdrawn, created_at
  FROM disputes WHERE funds_withdrawn > 0;
INSERT INTO dispute_movements (id, merchant_id, dispute_id, payment_id, provider, currency, kind, amount, occurred_at)
SELECT 'dm_r' || substr(md5(id), 1, 24), merchant_id, id, payment_id, provider, currency, 'reinstatement', funds_reinstated,
       coalesce(closed_at, updated_at)
  FROM disputes WHERE funds_reinstated > 0;
