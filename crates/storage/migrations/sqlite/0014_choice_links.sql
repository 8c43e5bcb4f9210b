-- A personal link to a mentee's choice of mentor (R4.3), for a respondent without an
-- account: the adult mentee, or a minor's guardian. Single use, expires; only the hash of
-- the token is kept.
CREATE TABLE choice_links (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id         INTEGER NOT NULL REFERENCES organizations(id),
    round_id       INTEGER NOT NULL REFERENCES pairing_rounds(id),
    mentee_id      INTEGER NOT NULL REFERENCES persons(id),
    respondent_id  INTEGER NOT NULL REFERENCES persons(id),
    token_hash     TEXT NOT NULL UNIQUE,
    expires_at     TEXT NOT NULL,
    used_at        TEXT,
    created_at     TEXT NOT NULL
);
