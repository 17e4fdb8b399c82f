-- Inbound provider events belong to the account whose secret verified them: the platform's
-- configured provider account ('platform') or one merchant's own account (its merchant id).
-- De-duplication is per (provider, account, event id), so one merchant cannot pre-empt another
-- account's event id; 'not_applicable' records a verified event that names an object outside
-- its account (it changes nothing).
ALTER TABLE provider_events ADD COLUMN account varchar(40) NOT NULL DEFAULT 'platform';
ALTER TABLE provider_events DROP CONSTRAINT provider_events_pkey;
ALTER TABLE provider_events ADD PRIMARY KEY (provider, account, event_id);
ALTER TABLE provider_events ALTER COLUMN status TYPE varchar(16);
ALTER TABLE provider_events DROP CONSTRAINT provider_events_status_check;
ALTER TABLE provider_events ADD CONSTRAINT provider_events_status_check
    CHECK (status IN ('received', 'applied', 'ignored', 'unmatched', 'not_applicable'));

-- The provider account a payment was made on, recorded when its provider is chosen: the merchant's
-- own account (its id) when the merchant had stored credentials for that provider, otherwise the
-- platform's configured account ('platform'). Connectors call with the merchant's stored credentials
-- when there are any and with the configured ones otherwise, so this is the account the provider
-- knows the payment under, and the only account whose webhooks may touch it. Later changes to the
-- merchant's credentials do not move past payments. Kept by a trigger so that every statement that
-- inserts a payment or changes its provider records it, without each having to remember.
ALTER TABLE payments ADD COLUMN provider_account varchar(40);
UPDATE payments p
   SET provider_account = CASE WHEN EXISTS (SELECT 1 FROM provider_accounts a
                                             WHERE a.merchant_id = p.merchant_id AND a.provider = p.provider
                                               AND a.credentials_ciphertext IS NOT NULL)
                               THEN p.merchant_id ELSE 'platform' END;
ALTER TABLE payments ALTER COLUMN provider_account SET NOT NULL;

CREATE FUNCTION payments_record_provider_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.provider_account := CASE WHEN EXISTS (SELECT 1 FROM provider_accounts a
                                               WHERE a.merchant_id = NEW.merchant_id AND a.provider = NEW.provider
                                                 AND a.credentials_ciphertext IS NOT NULL)
                                 THEN NEW.merchant_id ELSE 'platform' END;
    RETURN NEW;
END
$$;
CREATE TRIGGER payments_provider_account_on_insert BEFORE INSERT ON payments
    FOR EACH ROW EXECUTE FUNCTION payments_record_provider_account();
CREATE TRIGGER payments_provider_account_on_failover BEFORE UPDATE OF provider ON payments
    FOR EACH ROW WHEN (OLD.provider IS DISTINCT FROM NEW.provider)
    EXECUTE FUNCTION payments_record_provider_account();
