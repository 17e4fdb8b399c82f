-- One Payrail payment as PaymentStore issues it: two statements, each its own implicit
-- transaction (autocommit). 1) INSERT_WITH_ORDER: order + payment + payment.created event +
-- audit row. 2) APPLY_CHANGE: the provider's answer (captured), conditional on the version,
-- order -> paid, payment.captured event (no audit row: the orchestrator passes no action).
-- Variables: :run (unique per pass, -D), :n (per-client counter, -D n=0), :client_id, :mer.
\set n :n + 1
WITH o AS (
    INSERT INTO orders (id, merchant_id, amount, currency, receipt, status, attempts, created_at, updated_at)
    VALUES ('order_' || :run || '_' || :client_id || '_' || :n, :mer, 1999, 'USD', NULL, 'attempted', 1, now(), now())
    RETURNING id),
p AS (
    INSERT INTO payments (id, merchant_id, order_id, amount, currency, status, method, method_details,
                          capture_method, provider, metadata, idempotency_key, version, created_at, updated_at)
    SELECT 'pay_' || :run || '_' || :client_id || '_' || :n, :mer, o.id, 1999, 'USD', 'processing', 'card',
           '{"brand":"visa","bin":"424242","last4":"4242","exp_month":12,"exp_year":2029,"fingerprint":"NGIcbAMFgxEm8CwdgnuPmBhnfEqIJqS1KgXXhF4-r6Q","holder_name":"Bench Mark"}'::jsonb,
           'automatic', 'simulator', NULL, 'pgb-' || :run || '-' || :client_id || '-' || :n, 1, now(), now() FROM o
    RETURNING id, merchant_id, order_id, amount, currency, status, method, method_details, capture_method, provider,
              provider_reference, amount_authorized, amount_captured, amount_refunded, error_code, error_description,
              decline_code, next_action, metadata, idempotency_key, version, created_at, updated_at),
e AS (
    INSERT INTO events (id, merchant_id, type, object_id, payload, created_at)
    SELECT 'evt_c' || :run || '_' || :client_id || '_' || :n, :mer, 'payment.created', p.id,
           '{"id":"pay_NvCa50pX3hkDDq","object":"payment","order_id":"order_CsoTi0JDAzasCY","amount":1999,"currency":"USD","status":"processing","method":"card","card":{"brand":"visa","bin":"424242","last4":"4242","exp_month":12,"exp_year":2029,"fingerprint":"NGIcbAMFgxEm8CwdgnuPmBhnfEqIJqS1KgXXhF4-r6Q","holder_name":"Bench Mark"},"capture_method":"automatic","provider":"simulator","amount_authorized":0,"amount_captured":0,"amount_refunded":0,"version":1,"created_at":"2026-11-21T23:28:44.426752Z","updated_at":"2026-11-21T23:28:44.426752Z"}'::text::jsonb,
           now() FROM p),
a AS (
    INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
    SELECT 'merchant', :mer, :mer, 'payment.create', p.id, 'req_bench' || :client_id, now() FROM p)
SELECT * FROM p;
WITH p AS (
    UPDATE payments SET status = 'captured', provider_reference = 'sim_' || :run || '_' || :client_id || '_' || :n,
           amount_authorized = 1999, amount_captured = 1999, error_code = NULL, error_description = NULL,
           decline_code = NULL, next_action = NULL, version = 2, updated_at = now()
     WHERE id = 'pay_' || :run || '_' || :client_id || '_' || :n AND merchant_id = :mer AND version = 2 - 1
    RETURNING id, merchant_id, order_id, amount, currency, status, method, method_details, capture_method, provider,
              provider_reference, amount_authorized, amount_captured, amount_refunded, error_code, error_description,
              decline_code, next_action, metadata, idempotency_key, version, created_at, updated_at),
o AS (
    UPDATE orders SET status = 'paid', updated_at = now()
     WHERE 'paid'::varchar IS NOT NULL AND id = (SELECT order_id FROM p) AND merchant_id = :mer),
e AS (
    INSERT INTO events (id, merchant_id, type, object_id, payload, created_at)
    SELECT 'evt_u' || :run || '_' || :client_id || '_' || :n, :mer, 'payment.captured', p.id,
           '{"id":"pay_NvCa50pX3hkDDq","object":"payment","order_id":"order_CsoTi0JDAzasCY","amount":1999,"currency":"USD","status":"captured","method":"card","card":{"bin":"424242","brand":"visa","last4":"4242","exp_year":2029,"exp_month":12,"fingerprint":"NGIcbAMFgxEm8CwdgnuPmBhnfEqIJqS1KgXXhF4-r6Q","holder_name":"Bench Mark"},"capture_method":"automatic","provider":"simulator","provider_reference":"sim_dnS9pGpS6GpPQsNpfw","amount_authorized":1999,"amount_captured":1999,"amount_refunded":0,"version":2,"created_at":"2026-11-21T23:28:44.426752Z","updated_at":"2026-11-21T23:28:44.523533Z"}'::text::jsonb,
           now() FROM p WHERE 'payment.captured'::varchar IS NOT NULL),
a AS (
    INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
    SELECT NULL, NULL, :mer, NULL, p.id, 'req_bench', now() FROM p WHERE NULL::varchar IS NOT NULL)
SELECT * FROM p;
