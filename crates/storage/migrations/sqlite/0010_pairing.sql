-- A pairing round: the curator's proposal of pairs and groups for a school's year (R4).
-- The proposal itself is computed from the bases at each view; the round keeps what the
-- curator decided: the objective, the school's weights and the pins and exclusions.
CREATE TABLE pairing_rounds (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      INTEGER NOT NULL REFERENCES organizations(id),
    start_year  INTEGER NOT NULL,
    state       TEXT NOT NULL,
    objective   TEXT NOT NULL,
    weights     TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX pairing_rounds_org ON pairing_rounds(org_id, start_year);

-- The curator's decisions: a pin (this mentee with this mentor; several pins to one mentor
-- form a group) or an exclusion. People are named by person id: an entry is per base.
CREATE TABLE pairing_decisions (
    round_id    INTEGER NOT NULL REFERENCES pairing_rounds(id),
    org_id      INTEGER NOT NULL REFERENCES organizations(id),
    mentee_id   INTEGER NOT NULL REFERENCES persons(id),
    mentor_id   INTEGER NOT NULL REFERENCES persons(id),
    kind        TEXT NOT NULL CHECK (kind IN ('pin', 'exclude')),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (round_id, mentee_id, mentor_id)
);
