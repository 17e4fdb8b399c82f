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
