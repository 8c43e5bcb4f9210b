-- A personal link to a mentee's choice of mentor (R4.3), for a respondent without an
-- account: the adult mentee, or a minor's guardian. Single use, expires; only the hash of
-- the token is kept.
CREATE TABLE choice_links (
    id             BIGSERIAL PRIMARY KEY,
    org_id         BIGINT NOT NULL REFERENCES organizations(id),
    round_id       BIGINT NOT NULL REFERENCES pairing_rounds(id),
    mentee_id      BIGINT NOT NULL REFERENCES persons(id),
    respondent_id  BIGINT NOT NULL REFERENCES persons(id),
    token_hash     TEXT NOT NULL UNIQUE,
    expires_at     TIMESTAMPTZ NOT NULL,
    used_at        TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL
);
