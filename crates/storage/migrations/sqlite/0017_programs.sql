-- The personalized program of a pair or group (R5.1, TEMPLATES.md §5.1): one per pair, its
-- explanatory note and plan as JSON (domain::program::{Note, PlanItem}), its dates, and a
-- version bumped by every save, so that a form saved over an older version is refused,
-- never silently overwritten.
CREATE TABLE programs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id         INTEGER NOT NULL REFERENCES organizations(id),
    pair_id        INTEGER NOT NULL UNIQUE REFERENCES pairs(id),
    state          TEXT NOT NULL,
    start_on       TEXT NOT NULL,
    end_on         TEXT NOT NULL,
    length_reason  TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL,
    plan           TEXT NOT NULL DEFAULT '[]',
    version        INTEGER NOT NULL DEFAULT 1,
    updated_by     INTEGER REFERENCES users(id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX programs_org ON programs(org_id, state);

-- Every saved version of a program, as it was (R5.4: who changed what, when).
CREATE TABLE program_versions (
    program_id  INTEGER NOT NULL REFERENCES programs(id),
    org_id      INTEGER NOT NULL REFERENCES organizations(id),
    version     INTEGER NOT NULL,
    snapshot    TEXT NOT NULL,
    changed_by  INTEGER REFERENCES users(id),
    changed_at  TEXT NOT NULL,
    PRIMARY KEY (program_id, version)
);
