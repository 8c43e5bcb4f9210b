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

-- What the curator sent to the head: the proposal as it was at sending, so the head
-- approves exactly what was sent (the live proposal may move with the bases).
CREATE TABLE pairing_proposals (
    round_id    INTEGER NOT NULL REFERENCES pairing_rounds(id),
    org_id      INTEGER NOT NULL REFERENCES organizations(id),
    mentor_id   INTEGER NOT NULL REFERENCES persons(id),
    mentee_id   INTEGER NOT NULL REFERENCES persons(id),
    form        TEXT,
    score       INTEGER NOT NULL,
    PRIMARY KEY (round_id, mentee_id)
);

-- The school's register of orders: one number per school and calendar year.
CREATE TABLE orders (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      INTEGER NOT NULL REFERENCES organizations(id),
    year        INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    signed_on   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    docx        BLOB NOT NULL,
    pdf         BLOB NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    UNIQUE (org_id, year, number)
);

-- Pairs and groups approved by an order: a mentor with one mentee (a pair) or several (a group).
CREATE TABLE pairs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      INTEGER NOT NULL REFERENCES organizations(id),
    round_id    INTEGER NOT NULL REFERENCES pairing_rounds(id),
    order_id    INTEGER NOT NULL REFERENCES orders(id),
    mentor_id   INTEGER NOT NULL REFERENCES persons(id),
    form        TEXT,
    started_on  TEXT NOT NULL,
    state       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX pairs_org ON pairs(org_id, state);
CREATE TABLE pair_mentees (
    pair_id     INTEGER NOT NULL REFERENCES pairs(id),
    mentee_id   INTEGER NOT NULL REFERENCES persons(id),
    PRIMARY KEY (pair_id, mentee_id)
);
CREATE INDEX pair_mentees_person ON pair_mentees(mentee_id);
ALTER TABLE pairing_rounds ADD COLUMN order_id INTEGER REFERENCES orders(id);
