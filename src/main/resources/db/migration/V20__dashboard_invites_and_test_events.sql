-- Dashboard invitations and password resets by one-time set-password links, and the test-mode
-- cockpit's simulated webhook failure.

-- An invited user has no password until it follows its link; an admin's reset clears the password too.
ALTER TABLE dashboard_users ALTER COLUMN password_hash DROP NOT NULL;

-- A one-time set-password link: the id is the SHA-256 of the link's token (the token is never stored).
-- Used once (used_at), until expires_at; a newer link of the same user replaces the older ones.
CREATE TABLE dashboard_password_links (
    id           char(64)     PRIMARY KEY,
    user_id      varchar(40)  NOT NULL REFERENCES dashboard_users (id),
    merchant_id  varchar(40)  NOT NULL REFERENCES merchants (id),
    purpose      varchar(8)   NOT NULL CHECK (purpose IN ('invite', 'reset')),
    created_by   varchar(40),
    created_at   timestamptz  NOT NULL,
    expires_at   timestamptz  NOT NULL,
    used_at      timestamptz
);
CREATE INDEX dashboard_password_links_user_idx ON dashboard_password_links (user_id) WHERE used_at IS NULL;

-- The first attempt of a cockpit-simulated webhook failure goes to the sandbox's failing receiver
-- instead of the merchant's endpoint (set only by the test-mode cockpit of the sandbox flavour);
-- later attempts, automatic or manual, go to the endpoint as usual.
ALTER TABLE events ADD COLUMN first_attempt_url text;
