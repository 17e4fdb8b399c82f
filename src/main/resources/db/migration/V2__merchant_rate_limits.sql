-- Per-merchant overrides of the API rate limit (requests per second and burst). NULL means the
-- configured default (payrail.rate-limit.merchant.*).
ALTER TABLE merchants
    ADD COLUMN rate_limit_per_second integer CHECK (rate_limit_per_second > 0),
    ADD COLUMN rate_limit_burst      integer CHECK (rate_limit_burst > 0);
