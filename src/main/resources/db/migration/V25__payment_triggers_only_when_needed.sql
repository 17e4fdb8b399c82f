-- The payment writes of PaymentStore now set provider_account (on insert) and captured_at (on the first
-- capture) in their own statements, with the same rules as the triggers of V11 and V24. The triggers stay
-- for every other writer (imports, scripts, tests), but run only when a row leaves the column unset: a
-- PL/pgSQL call per row, the provider-account one with a query of its own, was about an eighth of
-- PostgreSQL's CPU per payment (bench/README.md, seventh session).
DROP TRIGGER payments_provider_account_on_insert ON payments;
CREATE TRIGGER payments_provider_account_on_insert BEFORE INSERT ON payments
    FOR EACH ROW WHEN (NEW.provider_account IS NULL)
    EXECUTE FUNCTION payments_record_provider_account();

DROP TRIGGER payments_captured_at ON payments;
CREATE TRIGGER payments_captured_at_on_insert BEFORE INSERT ON payments
    FOR EACH ROW WHEN (NEW.captured_at IS NULL AND NEW.amount_captured > 0)
    EXECUTE FUNCTION payments_set_captured_at();
CREATE TRIGGER payments_captured_at_on_update BEFORE UPDATE OF amount_captured ON payments
    FOR EACH ROW WHEN (NEW.captured_at IS NULL AND NEW.amount_captured > 0)
    EXECUTE FUNCTION payments_set_captured_at();
