-- Failed logins are counted per (login, client address) and per login across addresses
-- (address '*'), never per account: a stranger cannot lock anyone out (app::auth::throttle).
-- The login is stored as a SHA-256 key, so a password typed into the login field is not kept.
CREATE TABLE login_failures (
    login_key        TEXT NOT NULL,
    address          TEXT NOT NULL,
    failures         INTEGER NOT NULL DEFAULT 0,
    last_failure_at  INTEGER NOT NULL DEFAULT 0,
    blocked_until    INTEGER NOT NULL DEFAULT 0,
    last_success_at  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (login_key, address)
);
CREATE INDEX login_failures_last ON login_failures(last_failure_at);

-- The account-wide lock anyone could trigger is gone.
ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;

-- When a token was last used (to the hour), shown on the account's tokens page.
ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;
CREATE INDEX api_tokens_user ON api_tokens(user_id);
