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

-- What the curator sent to the head: the proposal as it was at sending, so the head
-- approves exactly what was sent (the live proposal may move with the bases).
CREATE TABLE pairing_proposals (
    round_id    BIGINT NOT NULL REFERENCES pairing_rounds(id),
    org_id      BIGINT NOT NULL REFERENCES organizations(id),
    mentor_id   BIGINT NOT NULL REFERENCES persons(id),
    mentee_id   BIGINT NOT NULL REFERENCES persons(id),
    form        TEXT,
    score       BIGINT NOT NULL,
    PRIMARY KEY (round_id, mentee_id)
);

-- The school's register of orders: one number per school and calendar year.
CREATE TABLE orders (
    id          BIGSERIAL PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES organizations(id),
    year        BIGINT NOT NULL,
    number      BIGINT NOT NULL,
    signed_on   DATE NOT NULL,
    kind        TEXT NOT NULL,
    docx        BYTEA NOT NULL,
    pdf         BYTEA NOT NULL,
    created_by  BIGINT REFERENCES users(id),
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (org_id, year, number)
);

-- Pairs and groups approved by an order: a mentor with one mentee (a pair) or several (a group).
CREATE TABLE pairs (
    id          BIGSERIAL PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES organizations(id),
    round_id    BIGINT NOT NULL REFERENCES pairing_rounds(id),
    order_id    BIGINT NOT NULL REFERENCES orders(id),
    mentor_id   BIGINT NOT NULL REFERENCES persons(id),
    form        TEXT,
    started_on  DATE NOT NULL,
    state       TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX pairs_org ON pairs(org_id, state);
CREATE TABLE pair_mentees (
    pair_id     BIGINT NOT NULL REFERENCES pairs(id),
    mentee_id   BIGINT NOT NULL REFERENCES persons(id),
    PRIMARY KEY (pair_id, mentee_id)
);
CREATE INDEX pair_mentees_person ON pair_mentees(mentee_id);
ALTER TABLE pairing_rounds ADD COLUMN order_id BIGINT REFERENCES orders(id);
