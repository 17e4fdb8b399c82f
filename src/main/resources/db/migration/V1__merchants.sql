-- Merchants and their API credentials. Secrets are stored only as digests.
CREATE TABLE merchants (
    id                varchar(40)  PRIMARY KEY,
    name              text         NOT NULL,
    email             text         NOT NULL,
    api_key_id        varchar(64)  NOT NULL UNIQUE,
    api_secret_digest varchar(80)  NOT NULL,
    webhook_url       text,
    webhook_secret    text,
    active            boolean      NOT NULL DEFAULT true,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    updated_at        timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX merchants_created_idx ON merchants (created_at DESC, id DESC);
