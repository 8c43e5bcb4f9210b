-- A pairing round: the curator's proposal of pairs and groups for a school's year (R4).
-- The proposal itself is computed from the bases at each view; the round keeps what the
-- curator decided: the objective, the school's weights and the pins and exclusions.
CREATE TABLE pairing_rounds (
    id          BIGSERIAL PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES organizations(id),
    start_year  BIGINT NOT NULL,
    state       TEXT NOT NULL,
    objective   TEXT NOT NULL,
    weights     TEXT NOT NULL,
    version     BIGINT NOT NULL DEFAULT 1,
    created_by  BIGINT REFERENCES users(id),
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX pairing_rounds_org ON pairing_rounds(org_id, start_year);

-- The curator's decisions: a pin (this mentee with this mentor; several pins to one mentor
-- form a group) or an exclusion. People are named by person id: an entry is per base.
CREATE TABLE pairing_decisions (
    round_id    BIGINT NOT NULL REFERENCES pairing_rounds(id),
    org_id      BIGINT NOT NULL REFERENCES organizations(id),
    mentee_id   BIGINT NOT NULL REFERENCES persons(id),
    mentor_id   BIGINT NOT NULL REFERENCES persons(id),
    kind        TEXT NOT NULL CHECK (kind IN ('pin', 'exclude')),
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (round_id, mentee_id, mentor_id)
);
