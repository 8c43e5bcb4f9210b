-- Mails written in the same transaction as the change they tell of, sent by a worker that
-- claims rows with UPDATE … RETURNING: a claim is a lease, so a worker that died mid-way
-- leaves its rows to the next one, and a row marked sent is never sent again.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    org_id       BIGINT NOT NULL REFERENCES organizations(id),
    kind         TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    args         TEXT NOT NULL,
    not_before   TIMESTAMPTZ NOT NULL,
    claimed_at   TIMESTAMPTZ,
    claim        TEXT,
    attempts     BIGINT NOT NULL DEFAULT 0,
    sent_at      TIMESTAMPTZ,
    last_error   TEXT,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX outbox_due ON outbox(sent_at, not_before);
