-- Hosted checkout and checkout.js: every merchant has a publishable key (pk_test_… / pk_live_…, safe to
-- put in a browser), the origins allowed to frame its checkout (space-separated, drive the page's
-- Content-Security-Policy frame-ancestors and the SDK's postMessage checks) and an optional logo.
ALTER TABLE merchants
    ADD COLUMN publishable_key          varchar(64),
    ADD COLUMN checkout_allowed_origins text NOT NULL DEFAULT '',
    ADD COLUMN checkout_logo_url        text;

UPDATE merchants
   SET publishable_key = (CASE WHEN api_key_id LIKE 'key_live_%' THEN 'pk_live_' ELSE 'pk_test_' END)
       || substr(md5(random()::text || id || clock_timestamp()::text), 1, 24);

ALTER TABLE merchants ALTER COLUMN publishable_key SET NOT NULL;
CREATE UNIQUE INDEX merchants_publishable_key_uq ON merchants (publishable_key);
