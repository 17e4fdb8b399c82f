-- The merchant dashboard: users of a merchant, their server-side sessions, the merchant's dashboard
-- settings, and the audit log's dashboard actors (user, client IP, a short detail).

CREATE TABLE dashboard_users (
    id               varchar(40)  PRIMARY KEY,
    merchant_id      varchar(40)  NOT NULL REFERENCES merchants (id),
    email            varchar(254) NOT NULL,
    password_hash    varchar(255) NOT NULL,
    role             varchar(16)  NOT NULL CHECK (role IN ('admin', 'operator', 'viewer', 'support')),
    active           boolean      NOT NULL DEFAULT true,
    failed_logins    integer      NOT NULL DEFAULT 0,
    locked_until     timestamptz,
    totp_secret      varchar(255),
    totp_pending     varchar(255),
    totp_last_step   bigint,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL
);
-- one login name across all merchants: the login form asks only for the email
CREATE UNIQUE INDEX dashboard_users_email_uq ON dashboard_users (lower(email));
CREATE INDEX dashboard_users_merchant_idx ON dashboard_users (merchant_id, created_at);

-- id is the SHA-256 of the cookie's token: the token itself is never stored
CREATE TABLE dashboard_sessions (
    id            char(64)     PRIMARY KEY,
    user_id       varchar(40)  NOT NULL REFERENCES dashboard_users (id),
    merchant_id   varchar(40)  NOT NULL REFERENCES merchants (id),
    stage         varchar(8)   NOT NULL CHECK (stage IN ('full', 'mfa', 'enrol')),
    created_at    timestamptz  NOT NULL,
    last_seen_at  timestamptz  NOT NULL,
    expires_at    timestamptz  NOT NULL,
    revoked_at    timestamptz
);
CREATE INDEX dashboard_sessions_user_idx ON dashboard_sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE dashboard_settings (
    merchant_id         varchar(40) PRIMARY KEY REFERENCES merchants (id),
    require_admin_totp  boolean     NOT NULL DEFAULT false,
    updated_at          timestamptz NOT NULL
);

ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_type_check
    CHECK (actor_type IN ('merchant', 'admin', 'system', 'dashboard_user'));
ALTER TABLE audit_log ADD COLUMN ip varchar(64);
ALTER TABLE audit_log ADD COLUMN detail varchar(255);
