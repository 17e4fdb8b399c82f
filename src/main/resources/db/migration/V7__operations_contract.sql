-- Every provider operation is an attempt written before the call, and an unknown or pending answer
-- leaves its object in an explicit pending state that the reconciler settles by a status query.

-- Capture and void whose answer is unknown or pending: the payment waits in one of these until the
-- reconciler (or a provider webhook) learns what the provider did.
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check CHECK (status IN ('created', 'processing',
    'requires_action', 'authorized', 'capture_pending', 'captured', 'cancel_pending', 'failed', 'cancelled',
    'partially_refunded', 'refunded', 'disputed', 'unknown'));
DROP INDEX payments_reconcile_idx;
CREATE INDEX payments_reconcile_idx ON payments (reconcile_after)
    WHERE status IN ('unknown', 'processing', 'requires_action', 'capture_pending', 'cancel_pending');

-- Refund amounts: amount_refunded is what the provider settled; amount_refund_pending is reserved by
-- refunds still pending. A failed refund releases exactly its reservation; the payment's status
-- follows the settled amount only.
ALTER TABLE payments ADD COLUMN amount_refund_pending bigint NOT NULL DEFAULT 0;
UPDATE payments p
   SET amount_refund_pending = pending.total,
       amount_refunded = p.amount_refunded - pending.total
  FROM (SELECT payment_id, sum(amount) AS total FROM refunds WHERE status = 'pending' GROUP BY payment_id) pending
 WHERE p.id = pending.payment_id;
ALTER TABLE payments DROP CONSTRAINT payments_refunded_le_captured;
ALTER TABLE payments ADD CONSTRAINT payments_refunded_le_captured CHECK (amount_refunded >= 0
    AND amount_refund_pending >= 0 AND amount_refunded + amount_refund_pending <= amount_captured);

-- Attempts of every operation: refunds and their status queries too. A refund's attempts name the
-- refund; capture and refund attempts keep the amount they asked for.
ALTER TABLE payment_attempts DROP CONSTRAINT payment_attempts_operation_check;
ALTER TABLE payment_attempts ADD CONSTRAINT payment_attempts_operation_check
    CHECK (operation IN ('authorize', 'capture', 'void', 'refund', 'status', 'refund_status'));
ALTER TABLE payment_attempts ADD COLUMN refund_id varchar(40) REFERENCES refunds (id);
ALTER TABLE payment_attempts ADD COLUMN amount bigint;
CREATE INDEX payment_attempts_refund_idx ON payment_attempts (refund_id) WHERE refund_id IS NOT NULL;
